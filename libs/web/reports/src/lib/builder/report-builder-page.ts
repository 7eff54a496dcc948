import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type { SaleStatus } from '@crm/shared/contracts';
import { CompanyContext, dateToDay, dayToDate, describeError } from '@crm/web/core';
import { CompaniesApi, ExchangeRatesApi, PipelinesApi } from '@crm/web/data-access';
import { formatDate, I18n, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { PageHeader, saleStatusKey } from '@crm/web/ui';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { REPORT_FORMATS, type ReportType, SEGMENT_NAMES } from '../report-model';
import { REPORT_PRESETS } from '../report-period';
import { REPORT_TYPE_META, REPORT_TYPES } from '../report-types';
import { ReportsApi } from '../reports-api';
import { draftBody, draftProblems, draftRange, EMPTY_DRAFT, type PickedClient, type ReportDraft } from './report-draft';

const STATUSES: SaleStatus[] = ['paid', 'pending', 'cancelled', 'refunded'];
/**
 * The report builder (seed figure 13): type, period with presets, currency, filters, title and
 * the file to download once ready. «Сформировать» starts the job and opens the report, which
 * shows the progress; the page can be left and the report is found later in the list.
 */
@Component({
  selector: 'crm-report-builder-page',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    PageHeader,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './report-builder-page.html',
  styleUrl: './report-builder-page.scss',
})
export class ReportBuilderPage {
  private readonly api = inject(ReportsApi);
  private readonly context = inject(CompanyContext);
  private readonly companies = inject(CompaniesApi);
  private readonly rates = inject(ExchangeRatesApi);
  private readonly pipelinesApi = inject(PipelinesApi);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);

  protected readonly types = REPORT_TYPES;
  protected readonly presets = REPORT_PRESETS;
  protected readonly statuses = STATUSES;
  protected readonly formats = ['screen', ...REPORT_FORMATS] as const;
  protected readonly segments = SEGMENT_NAMES;
  protected readonly meta = REPORT_TYPE_META;
  /** Which parameters the chosen type takes (the sales filters or a pipeline). */
  protected readonly parameters = computed(() => REPORT_TYPE_META[this.draft().type].parameters);

  protected readonly draft = signal<ReportDraft>({ ...EMPTY_DRAFT });
  /** The company's pipelines, for a pipeline report (loaded once it is chosen). */
  protected readonly pipelines = rxResource({
    params: () => (this.parameters() === 'pipeline' ? (this.context.activeId() ?? undefined) : undefined),
    stream: ({ params: companyId }) => this.pipelinesApi.list(companyId),
  });
  protected readonly range = computed(() => draftRange(this.draft()));
  protected readonly problems = computed(() => draftProblems(this.draft()));
  protected readonly rangeText = computed(() => {
    const range = this.range();
    if (!range) return '';
    const lang = this.i18n.language();
    return this.i18n.t('reports.period', {
      from: formatDate(`${range.from}T00:00:00`, lang),
      to: formatDate(`${range.to}T00:00:00`, lang),
    });
  });
  protected readonly fromDate = computed(() => dayToDate(this.draft().from));
  protected readonly toDate = computed(() => dayToDate(this.draft().to));
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);

  /** The company's base currency first, then every currency it has rates for. */
  protected readonly currencyList = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params: companyId }) =>
      this.rates.list(companyId).pipe(
        map((rates) => [rates.baseCurrency, ...new Set(rates.rates.map((rate) => rate.currency))]),
        catchError(() => this.companies.get(companyId).pipe(map((company) => [company.baseCurrency]))),
        map((codes) => [...new Set(codes)]),
      ),
  });
  protected readonly baseCurrency = computed(() =>
    this.currencyList.hasValue() ? (this.currencyList.value()[0] ?? '') : '',
  );

  protected readonly clientQuery = signal('');
  protected readonly clientOptions = toSignal(
    toObservable(this.clientQuery).pipe(
      debounceTime(250),
      map((q) => q.trim()),
      distinctUntilChanged(),
      switchMap((q) => {
        const companyId = this.context.activeId();
        if (!companyId || q.length < 2) return of([] as PickedClient[]);
        return this.api.clients(companyId, q).pipe(
          map((page) =>
            page.items.map((client) => ({
              id: client.id,
              name: client.name || client.email || client.externalId || client.id,
            })),
          ),
          catchError(() => of([] as PickedClient[])),
        );
      }),
    ),
    { initialValue: [] as PickedClient[] },
  );

  protected set<K extends keyof ReportDraft>(key: K, value: ReportDraft[K]): void {
    this.draft.update((draft) => ({ ...draft, [key]: value }));
    this.failure.set(null);
  }

  protected setPreset(preset: ReportDraft['preset']): void {
    // Switching to custom dates starts from the period shown so far.
    const shown = this.range();
    this.draft.update((draft) =>
      preset === 'custom' && shown && !draft.from ? { ...draft, preset, ...shown } : { ...draft, preset },
    );
  }

  protected setDay(key: 'from' | 'to', date: Date | null): void {
    this.set(key, dateToDay(date));
  }

  protected typeKey(type: ReportType): TranslationKey {
    return `reports.types.${type}` as TranslationKey;
  }

  protected typeHintKey(type: ReportType): TranslationKey {
    return `reports.typeHints.${type}` as TranslationKey;
  }

  protected presetKey(preset: string): TranslationKey {
    return `reports.presets.${preset}` as TranslationKey;
  }

  protected readonly statusKey = saleStatusKey;

  protected segmentKey(segment: string): TranslationKey {
    return `clients.segments.${segment}` as TranslationKey;
  }

  protected formatKey(format: string): TranslationKey {
    return `reports.builder.formats.${format}` as TranslationKey;
  }

  protected pickClient(event: MatAutocompleteSelectedEvent, input: HTMLInputElement): void {
    const client = event.option.value as PickedClient;
    if (!this.draft().clients.some((picked) => picked.id === client.id)) {
      this.set('clients', [...this.draft().clients, client]);
    }
    input.value = '';
    this.clientQuery.set('');
  }

  protected dropClient(client: PickedClient): void {
    this.set(
      'clients',
      this.draft().clients.filter((picked) => picked.id !== client.id),
    );
  }

  protected submit(): void {
    const companyId = this.context.activeId();
    const body = draftBody(this.draft());
    if (!companyId || !body || this.busy()) return;
    this.busy.set(true);
    this.failure.set(null);
    const format = this.draft().format;
    this.api.create(companyId, body).subscribe({
      next: (report) =>
        void this.router.navigate(['/reports', report.id], {
          queryParams: format === 'screen' ? {} : { download: format },
        }),
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(describeError(error, this.i18n));
      },
    });
  }
}
