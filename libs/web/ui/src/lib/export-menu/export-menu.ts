import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import type { ExportFormat } from '@crm/shared/contracts';
import { CompanyContext } from '@crm/web/core';
import { type ApiParams, ExportsApi, saveBlob } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { finalize } from 'rxjs';
import { Toasts } from '../toasts/toasts';

/** "Export" with CSV and XLSX: the list as it is filtered now, every page. */
@Component({
  selector: 'crm-export-menu',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      matButton="outlined"
      type="button"
      data-testid="export"
      [matMenuTriggerFor]="menu"
      [disabled]="busy()"
      [attr.aria-label]="'exports.label' | t"
    >
      <mat-icon svgIcon="download" />
      {{ 'exports.button' | t }}
    </button>
    <mat-menu #menu="matMenu">
      <button mat-menu-item type="button" data-testid="export-csv" (click)="download('csv')">
        {{ 'exports.csv' | t }}
      </button>
      <button mat-menu-item type="button" data-testid="export-xlsx" (click)="download('xlsx')">
        {{ 'exports.xlsx' | t }}
      </button>
    </mat-menu>
  `,
})
export class ExportMenu {
  private readonly api = inject(ExportsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly toasts = inject(Toasts);

  readonly list = input.required<'clients' | 'sales'>();
  readonly filters = input<ApiParams>({});
  protected readonly busy = signal(false);

  protected download(format: ExportFormat): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    this.busy.set(true);
    this.api
      .download(companyId, this.list(), format, this.i18n.language(), this.filters())
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (response) => saveBlob(response, `${this.list()}.${format}`),
        error: (error: unknown) => this.toasts.failedTo('exports.failed', error),
      });
  }
}
