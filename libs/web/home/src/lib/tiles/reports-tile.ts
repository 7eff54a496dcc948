import { HttpClient, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { ReportListResponse } from '@crm/shared/contracts';
import { LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';
import { newestOf } from './newest';

/** The reports the user may see, live, and the latest of them (a link to it). */
@Component({
  selector: 'crm-reports-tile',
  imports: [HomeTile, LocalDateTimePipe, RelativeTimePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="reports.state"
      icon="assessment"
      link="/reports"
      [title]="'reports.tile.title' | t"
      [linkLabel]="'reports.tile.open' | t"
    >
      <p class="figure" data-testid="reports-count">{{ 'reports.tile.count' | t: { count: reports.total() } }}</p>
      @if (reports.latest(); as report) {
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

  protected readonly reports = newestOf((companyId) =>
    this.http.get<ReportListResponse>(`/api/companies/${encodeURIComponent(companyId)}/reports`, {
      params: new HttpParams({ fromObject: { page: 1, pageSize: 1, sort: '-createdAt' } }),
    }),
  );
}
