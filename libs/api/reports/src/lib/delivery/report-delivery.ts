/**
 * What happens after a scheduled run is ready: with mail set up (`SMTP_URL` and `MAIL_FROM`) the
 * recipients get the PDF; without, the run stays in the app (`in-app`). A run whose period has no
 * counted sales sends nothing and says so (`no-data`). Recipients are members; their login is
 * their address when it is an e-mail address (members without one are not mailed).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type CompanyScope, TenantDatabase } from '@crm/api/core';
import { createTransport } from 'nodemailer';
import { exportFileName } from '../export/export-source';
import { pdfBuffer } from '../export/pdf';
import { reportTypeDefinition } from '../types/report-types';
import { findSchedule, findSnapshot, findVisible, tableRows, type StoredResult } from '../reports.store';
import type { Cell } from '../generation/report-draft';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

@Injectable()
export class ReportDelivery {
  private readonly logger = new Logger('ReportDelivery');

  constructor(
    private readonly tenantDb: TenantDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(scope: CompanyScope, reportId: string, snapshotId: string): Promise<void> {
    const loaded = await this.tenantDb.run(scope, async (m) => {
      const report = await findVisible(m, { scope, userId: scope.userId as string, manager: true }, reportId);
      const snapshot = await findSnapshot(m, scope, reportId, snapshotId);
      const schedule = await findSchedule(m, scope, reportId);
      return { report, snapshot, schedule };
    });
    const { report, snapshot, schedule } = loaded;
    if (!report || !snapshot || snapshot.trigger !== 'schedule' || snapshot.status !== 'ready') return;
    const set = (delivery: string, mailedTo: string[] = [], error: string | null = null) =>
      this.tenantDb.run(scope, (m) =>
        m.query(
          `UPDATE report_snapshots SET delivery = $3, mailed_to = $4, error = coalesce($5, error) WHERE company_id = $1 AND id = $2`,
          [scope.companyId, snapshotId, delivery, mailedTo, error],
        ),
      );
    if (snapshot.no_data) return void (await set('no-data'));
    const addresses = (schedule?.recipient_users ?? []).map((u) => u.login).filter((login) => EMAIL.test(login));
    if (!this.config.mail || addresses.length === 0) return void (await set('in-app'));
    try {
      const tenantDb = this.tenantDb;
      const source = {
        report,
        snapshot,
        result: snapshot.result as StoredResult,
        lang: 'ru' as const,
        async *rows(table: { key: string }, limit = 2000): AsyncIterable<Cell[][]> {
          const page = await tenantDb.run(scope, (m) => tableRows(m, scope, snapshotId, table.key, -1, limit));
          yield page.map((r) => r.cells);
        },
      };
      const pdf = await pdfBuffer(source);
      const transport = createTransport(this.config.mail.smtpUrl);
      const subject = `${report.title} (${snapshot.period_from} — ${snapshot.period_to})`;
      await transport.sendMail({
        from: this.config.mail.from,
        to: addresses,
        subject,
        text: `${reportTypeDefinition(report.type).label.ru}: ${report.title}\nПериод: ${snapshot.period_from} — ${snapshot.period_to}\n\nОтчёт во вложении (PDF).`,
        attachments: [{ filename: exportFileName(source, 'pdf'), content: pdf, contentType: 'application/pdf' }],
      });
      transport.close();
      await set('sent', addresses);
    } catch (error) {
      this.logger.warn(`Mailing report ${reportId} failed: ${(error as Error).message}`);
      await set('failed', [], `The PDF could not be mailed: ${(error as Error).message}`);
    }
  }
}
