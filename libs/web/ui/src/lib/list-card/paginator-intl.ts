import { inject, Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { formatNumber, I18n } from '@crm/web/i18n';

/** mat-paginator in the interface language: "Строк на странице", "1–50 из 1 234". */
@Injectable()
export class LocalizedPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(I18n);

  override itemsPerPageLabel = this.i18n.t('paginator.itemsPerPage');
  override nextPageLabel = this.i18n.t('paginator.next');
  override previousPageLabel = this.i18n.t('paginator.previous');
  override firstPageLabel = this.i18n.t('paginator.first');
  override lastPageLabel = this.i18n.t('paginator.last');

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    const lang = this.i18n.language();
    if (length === 0) return this.i18n.t('paginator.range', { start: '0', end: '0', total: '0' });
    const start = page * pageSize + 1;
    const end = Math.min(length, (page + 1) * pageSize);
    return this.i18n.t('paginator.range', {
      start: formatNumber(start, lang),
      end: formatNumber(end, lang),
      total: formatNumber(length, lang),
    });
  };
}

export const PAGINATOR_PROVIDERS = [{ provide: MatPaginatorIntl, useClass: LocalizedPaginatorIntl }];
