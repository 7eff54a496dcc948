import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type Params, RouterLink } from '@angular/router';
import {
  CompanyContext,
  describeError,
  fromQuery,
  type ListQueryCodec,
  stateToQuery,
  UrlListState,
} from '@crm/web/core';
import {
  formatDate,
  I18n,
  LocalDateTimePipe,
  RelativeTimePipe,
  TranslatePipe,
  type TranslationKey,
} from '@crm/web/i18n';
import { EmptyState, ErrorState, ListSkeleton, PageHeader, SearchFilter } from '@crm/web/ui';
import {
  REPORT_SCOPES,
  REPORT_TYPES,
  type ReportListItemResponse,
  type ReportListScope,
  type ReportType,
} from '../report-model';
import { ReportsApi } from '../reports-api';

export interface ReportListState {
  scope: ReportListScope;
  type: ReportType | '';
  q: string;
  page: number;
}

const PAGE_SIZE = 25;

const DEFAULT_STATE: ReportListState = { scope: 'all', type: '', q: '', page: 1 };

/** The list's state from the URL (unknown values fall back to the defaults). */
export function reportListState(params: Params): ReportListState {
  return {
    scope: fromQuery.choice<ReportListScope>(params['scope'], REPORT_SCOPES, DEFAULT_STATE.scope),
    type: fromQuery.choice<ReportType | ''>(params['type'], REPORT_TYPES, DEFAULT_STATE.type),
    q: fromQuery.text(params['q']),
    page: fromQuery.positiveInt(params['page'], DEFAULT_STATE.page),
  };
}

const REPORT_LIST_QUERY: ListQueryCodec<ReportListState> = {
  read: reportListState,
  write: (state) => stateToQuery(state, DEFAULT_STATE),
  merge: false,
};

/** Saved reports: all, mine, shared with me, the company's; search by title and type; newest first. */
@Component({
  selector: 'crm-report-list-page',
  imports: [
    EmptyState,
    ErrorState,
    ListSkeleton,
    LocalDateTimePipe,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    PageHeader,
    RelativeTimePipe,
    RouterLink,
    SearchFilter,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './report-list-page.html',
  styleUrl: './report-list-page.scss',
})
export class ReportListPage {
  private readonly api = inject(ReportsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);

  protected readonly scopes = REPORT_SCOPES;
  protected readonly types = REPORT_TYPES;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly list = new UrlListState(REPORT_LIST_QUERY);
  protected readonly state = this.list.value;
  protected readonly reports = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, state: this.state() } : undefined;
    },
    stream: ({ params }) =>
      this.api.list(params.companyId, {
        scope: params.state.scope,
        type: params.state.type,
        q: params.state.q,
        page: params.state.page,
        pageSize: PAGE_SIZE,
        sort: '-createdAt',
      }),
  });
  protected readonly page = computed(() => (this.reports.hasValue() ? this.reports.value() : null));
  protected readonly loadError = computed(() =>
    this.reports.error() ? describeError(this.reports.error(), this.i18n) : null,
  );
  protected readonly filtered = computed(() => !!(this.state().q || this.state().type));
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // Reports still being built are polled, so their status changes in place.
    effect(() => {
      clearTimeout(this.timer);
      if (this.page()?.items.some((item) => item.status === 'running')) {
        this.timer = setTimeout(() => this.reports.reload(), 2000);
      }
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected scopeKey(scope: string): TranslationKey {
    return `reports.list.scopes.${scope}` as TranslationKey;
  }

  protected typeKey(type: string): TranslationKey {
    return `reports.types.${type}` as TranslationKey;
  }

  protected statusKey(status: string): TranslationKey {
    return `reports.status.${status}` as TranslationKey;
  }

  protected period(report: ReportListItemResponse): string {
    const lang = this.i18n.language();
    return this.i18n.t('reports.period', {
      from: formatDate(`${report.params.from}T00:00:00`, lang),
      to: formatDate(`${report.params.to}T00:00:00`, lang),
    });
  }

  protected shared(report: ReportListItemResponse): string {
    if (report.sharedWith.company) return this.i18n.t('reports.list.sharedCompany');
    const count = report.sharedWith.users.length;
    return count ? this.i18n.t('reports.list.sharedUsers', { count }) : '';
  }

  protected emptyKey(): TranslationKey {
    return `reports.list.empty.${this.state().scope}` as TranslationKey;
  }
}
