import { HttpClient, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { ReportListResponse } from '@crm/shared/contracts';
import { CompanyContext } from '@crm/web/core';
import { LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';

/** The reports the user may see, live, and the latest of them (a link to it). */
@Component({
  selector: 'crm-reports-tile',
  imports: [HomeTile, LocalDateTimePipe, RelativeTimePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="page"
      icon="assessment"
      link="/reports"
      [title]="'reports.tile.title' | t"
      [linkLabel]="'reports.tile.open' | t"
    >
      <p class="figure" data-testid="reports-count">{{ 'reports.tile.count' | t: { count: total() } }}</p>
      @if (latest(); as report) {
        <p class="line" data-testid="reports-latest" [attr.title]="report.updatedAt | localDateTime">
          {{ 'reports.tile.latest' | t: { title: report.title } }} · {{ report.updatedAt | relativeTime }}
        </p>
      } @else {
        <p class="line">{{ 'reports.tile.none' | t }}</p>
      }
    </crm-home-tile>
  `,
  styleUrl: './tile-content.scss',
})
export class ReportsTile {
  private readonly http = inject(HttpClient);
  private readonly context = inject(CompanyContext);

  protected readonly page = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params: companyId }) =>
      this.http.get<ReportListResponse>(`/api/companies/${encodeURIComponent(companyId)}/reports`, {
        params: new HttpParams({ fromObject: { page: 1, pageSize: 1, sort: '-createdAt' } }),
      }),
  });
  protected readonly total = computed(() => (this.page.hasValue() ? this.page.value().total : 0));
  protected readonly latest = computed(() => (this.page.hasValue() ? (this.page.value().items[0] ?? null) : null));
}
