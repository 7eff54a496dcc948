import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type {
  ImportColumnField,
  ImportJobResponse,
  ImportKind,
  ImportMappingDto,
  ImportPreviewResponse,
  ImportPreviewRowResponse,
  ImportSettingsDto,
} from '@crm/shared/contracts';
import { CompanyContext, describeError } from '@crm/web/core';
import { ImportsApi, saveBlob } from '@crm/web/data-access';
import { I18n, LocalNumberPipe, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { ErrorState, ListSkeleton, PageHeader } from '@crm/web/ui';
import { finalize, type Observable } from 'rxjs';
import {
  cleanMapping,
  IMPORT_FIELD_NAMES,
  IMPORT_FIELDS,
  missingRequired,
  previewRowErrors,
  progressShare,
} from '../import-fields';

/** One import: detected format, column mapping, preview, run with progress (polled), rejected rows. */
@Component({
  selector: 'crm-import-job-page',
  imports: [
    ErrorState,
    ListSkeleton,
    LocalNumberPipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    PageHeader,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-job-page.html',
  styleUrl: './import-job-page.scss',
})
export class ImportJobPage {
  private readonly api = inject(ImportsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);

  readonly importId = input.required<string>();

  protected readonly job = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, importId: this.importId() } : undefined;
    },
    stream: ({ params }) => this.api.get(params.companyId, params.importId),
  });
  protected readonly current = computed(() => (this.job.hasValue() ? this.job.value() : null));
  protected readonly fields = computed(() => IMPORT_FIELDS[this.current()?.kind ?? 'clients']);
  protected readonly mapping = linkedSignal<ImportJobResponse | null, ImportMappingDto>({
    source: () => this.current(),
    computation: (job, previous) => previous?.value ?? (job ? { ...(job.mapping ?? job.suggestedMapping) } : {}),
  });
  protected readonly defaultCurrency = signal('');
  protected readonly missing = computed(() => {
    const job = this.current();
    return job ? missingRequired(job.kind, this.mapping()) : [];
  });
  protected readonly attributeColumns = computed(() => {
    const used = new Set(this.fields().map((spec) => this.mapping()[spec.field]));
    return (this.current()?.columns ?? []).filter((column) => !used.has(column));
  });
  protected readonly preview = signal<ImportPreviewResponse | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<unknown>(null);
  protected readonly errorText = computed(() => (this.failure() ? describeError(this.failure(), this.i18n) : null));
  protected readonly share = computed(() => {
    const job = this.current();
    return job ? progressShare(job.progress.rowsDone, job.rowsTotal) : null;
  });
  protected readonly editable = computed(() => {
    const status = this.current()?.status;
    return status === 'uploaded' || status === 'failed' || status === 'cancelled';
  });

  constructor() {
    // Poll while running; leaving the page stops polling, coming back resumes it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    effect(() => {
      clearTimeout(timer);
      if (this.current()?.status === 'running') timer = setTimeout(() => this.job.reload(), 1000);
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  }

  protected fieldKey(field: ImportColumnField): TranslationKey {
    return `imports.fields.${field}` as TranslationKey;
  }

  protected kindKey(kind: ImportKind): TranslationKey {
    return `imports.kinds.${kind}` as TranslationKey;
  }

  protected statusKey(status: string): TranslationKey {
    return `imports.status.${status}` as TranslationKey;
  }

  protected setField(field: ImportColumnField, column: string): void {
    this.mapping.update((mapping) => ({ ...mapping, [field]: column || undefined }));
    this.preview.set(null);
  }

  protected setAttributes(columns: string[]): void {
    this.mapping.update((mapping) => ({ ...mapping, attributes: columns }));
    this.preview.set(null);
  }

  protected recordText(record: Record<string, unknown>): string {
    return Object.entries(record)
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([key, value]) => {
        const label = (IMPORT_FIELD_NAMES as readonly string[]).includes(key)
          ? this.i18n.t(`imports.fields.${key}` as TranslationKey)
          : key;
        return `${label}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
      })
      .join(' · ');
  }

  protected runPreview(): void {
    this.call(
      (companyId, job, settings) => this.api.preview(companyId, job.id, settings),
      (preview) => this.preview.set(preview),
    );
  }

  protected run(): void {
    this.call(
      (companyId, job, settings) => this.api.run(companyId, job.id, settings),
      (started) => this.job.set(started),
    );
  }

  protected cancel(): void {
    const companyId = this.context.activeId();
    const job = this.current();
    if (!companyId || !job) return;
    this.api.cancel(companyId, job.id).subscribe({
      next: (updated) => this.job.set(updated),
      error: (error: unknown) => this.failure.set(error),
    });
  }

  /** A preview row's reasons in the interface language, by their rule codes. */
  protected rowErrors(row: ImportPreviewRowResponse): string {
    return previewRowErrors(row, this.i18n);
  }

  protected downloadRejected(): void {
    const companyId = this.context.activeId();
    const job = this.current();
    if (!companyId || !job) return;
    this.api.rejected(companyId, job.id, this.i18n.language()).subscribe({
      next: (response) => saveBlob(response, `rejected-${job.fileName}`),
      error: (error: unknown) => this.failure.set(error),
    });
  }

  private call<T>(
    request: (companyId: string, job: ImportJobResponse, settings: ImportSettingsDto) => Observable<T>,
    next: (value: T) => void,
  ): void {
    const companyId = this.context.activeId();
    const job = this.current();
    if (!companyId || !job || this.busy() || this.missing().length) return;
    const currency = this.defaultCurrency().trim().toUpperCase();
    const settings: ImportSettingsDto = {
      mapping: cleanMapping(job.kind, this.mapping(), job.columns),
      ...(job.kind === 'sales' && /^[A-Z]{3}$/.test(currency) ? { defaultCurrency: currency } : {}),
    };
    this.failure.set(null);
    this.busy.set(true);
    request(companyId, job, settings)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({ next, error: (error: unknown) => this.failure.set(error) });
  }
}
