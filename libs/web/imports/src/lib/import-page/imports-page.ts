import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ImportKind } from '@crm/shared/contracts';
import { CompanyContext, describeError } from '@crm/web/core';
import { ImportsApi } from '@crm/web/data-access';
import { I18n, LocalDateTimePipe, LocalNumberPipe, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { ErrorState, ListSkeleton, PageHeader } from '@crm/web/ui';
import { finalize } from 'rxjs';

/** Import from CSV: pick the kind and the file, upload, then map and run on the job's page. */
@Component({
  selector: 'crm-imports-page',
  imports: [
    ErrorState,
    ListSkeleton,
    LocalDateTimePipe,
    LocalNumberPipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatIconModule,
    PageHeader,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './imports-page.html',
  styleUrl: './imports-page.scss',
})
export class ImportsPage {
  private readonly api = inject(ImportsApi);
  private readonly context = inject(CompanyContext);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  protected readonly kind = signal<ImportKind>(
    inject(ActivatedRoute).snapshot.queryParamMap.get('kind') === 'sales' ? 'sales' : 'clients',
  );
  protected readonly file = signal<File | null>(null);
  protected readonly uploading = signal(false);
  protected readonly failure = signal<unknown>(null);
  protected readonly errorText = computed(() => (this.failure() ? describeError(this.failure(), this.i18n) : null));

  protected readonly history = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly jobs = computed(() => (this.history.hasValue() ? this.history.value().slice(0, 20) : []));

  protected pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.failure.set(null);
  }

  protected statusKey(status: string): TranslationKey {
    return `imports.status.${status}` as TranslationKey;
  }

  protected kindKey(kind: ImportKind): TranslationKey {
    return `imports.kinds.${kind}` as TranslationKey;
  }

  protected upload(): void {
    const companyId = this.context.activeId();
    const file = this.file();
    if (!companyId || !file || this.uploading()) return;
    this.uploading.set(true);
    this.failure.set(null);
    this.api
      .upload(companyId, this.kind(), file)
      .pipe(finalize(() => this.uploading.set(false)))
      .subscribe({
        next: (job) => void this.router.navigate(['/imports', job.id]),
        error: (error: unknown) => this.failure.set(error),
      });
  }
}
