import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, viewChild } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  EMPTY_VALUE,
  formatDate,
  formatMoney,
  formatNumber,
  I18n,
  type Language,
  type TranslationKey,
} from '@crm/web/i18n';
import type { ReportColumnResponse, ReportTableResponse } from '../report-model';

type Cell = string | number | null;
type Row = Cell[];

const NUMERIC = new Set(['money', 'number', 'integer', 'ratio']);
/** Text columns whose values are codes the interface names (statuses, segments, reasons...). */
const CODED = new Set(['status', 'segment', 'kind', 'reason', 'action']);
/** Indicators counted in money, for the rows of the comparison table. */
const MONEY_METRICS = new Set(['revenue', 'averageOrderValue', 'returnsAmount', 'valueAtRisk', 'forecastNext']);

/** A cell as the interface writes it: money with its currency, ratios as percents, dates by locale. */
export function formatCell(
  value: Cell | undefined,
  column: ReportColumnResponse,
  currency: string,
  lang: Language,
): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  switch (column.type) {
    case 'money':
      return formatMoney(value, currency, lang);
    case 'integer':
      return formatNumber(value, lang, { maximumFractionDigits: 0 });
    case 'number':
      return formatNumber(value, lang, { maximumFractionDigits: 2 });
    case 'ratio':
      return formatNumber(value, lang, {
        style: 'percent',
        maximumFractionDigits: 1,
        signDisplay: /change/i.test(column.key) ? 'exceptZero' : 'auto',
      });
    case 'date':
      return formatDate(`${String(value).slice(0, 10)}T00:00:00`, lang);
    default:
      return String(value);
  }
}

/** The value a column sorts by: numbers as numbers (decimal strings included), text as text. */
export function sortValue(value: Cell | undefined, column: ReportColumnResponse | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (column && NUMERIC.has(column.type)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : '';
  }
  return typeof value === 'number' ? value : String(value).toLocaleLowerCase();
}

/**
 * One report table in a card, sortable by every column (Material sort; numbers right-aligned with
 * tabular figures). A client's name links to the client (the `client` column, an id, is not shown);
 * a period opens the sales of that period.
 */
@Component({
  selector: 'crm-report-table-card',
  imports: [MatCardModule, MatSortModule, MatTableModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card" [attr.data-testid]="'table-' + table().key">
      <h3 class="title">{{ title() }}</h3>
      @if (table().rows.length === 0) {
        <p class="empty">{{ emptyText() }}</p>
      } @else {
        <div class="scroll">
          <table mat-table [dataSource]="source" matSort>
            @for (column of shown(); track column.index) {
              <ng-container [matColumnDef]="column.id">
                <th
                  mat-header-cell
                  *matHeaderCellDef
                  mat-sort-header
                  [arrowPosition]="column.numeric ? 'before' : 'after'"
                  [class.num]="column.numeric"
                >
                  {{ column.title }}
                </th>
                <td
                  mat-cell
                  *matCellDef="let row"
                  [class.num]="column.numeric"
                  [class.negative]="column.signed && +row[column.index] < 0"
                >
                  @if (column.linksClient && clientOf(row); as clientId) {
                    <a class="link" [routerLink]="['/clients', clientId]">{{ cell(row, column.index) }}</a>
                  } @else if (column.isPeriod && row[column.index]) {
                    <button type="button" class="link as-link" (click)="periodSelected.emit('' + row[column.index])">
                      {{ cell(row, column.index) }}
                    </button>
                  } @else {
                    {{ cell(row, column.index) }}
                  }
                </td>
              </ng-container>
            }
            <tr mat-header-row *matHeaderRowDef="ids()"></tr>
            <tr mat-row *matRowDef="let row; columns: ids()" data-testid="report-row"></tr>
          </table>
        </div>
        @if (table().totalRows > table().rows.length) {
          <p class="more">{{ moreText() }}</p>
        }
      }
    </mat-card>
  `,
  styles: `
    .card {
      overflow: hidden;
    }
    .title {
      margin: 0;
      padding: 16px 16px 8px;
      font: var(--mat-sys-title-medium);
    }
    .empty,
    .more {
      margin: 0;
      padding: 8px 16px 16px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
      --mat-table-row-item-outline-color: var(--mat-sys-outline-variant);
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    /* The arrow sits before a number's heading (row-reverse): flex-start is the right edge. */
    th.num ::ng-deep .mat-sort-header-container {
      justify-content: flex-start;
      text-align: right;
    }
    .negative {
      color: var(--mat-sys-error);
    }
    .link {
      color: var(--mat-sys-primary);
      text-decoration: none;
    }
    .link:hover {
      text-decoration: underline;
    }
    .as-link {
      padding: 0;
      border: 0;
      background: none;
      font: inherit;
      text-align: inherit;
      cursor: pointer;
    }
    @media (max-width: 599.98px) {
      .mat-mdc-cell,
      .mat-mdc-header-cell {
        padding: 0 8px;
      }
    }
  `,
})
export class ReportTableCard {
  private readonly i18n = inject(I18n);

  readonly table = input.required<ReportTableResponse>();
  readonly currency = input.required<string>();
  /** The first day of the period row clicked. */
  readonly periodSelected = output<string>();

  protected readonly source = new MatTableDataSource<Row>([]);
  private readonly sort = viewChild(MatSort);
  private readonly clientIndex = computed(() => this.table().columns.findIndex((c) => c.type === 'client'));
  private readonly currencyIndex = computed(() => this.table().columns.findIndex((c) => c.key === 'currency'));
  private readonly metricIndex = computed(() => this.table().columns.findIndex((c) => c.key === 'metric'));
  /** The columns shown: every one but the client ids, which link the names instead. */
  protected readonly shown = computed(() => {
    const hasClient = this.clientIndex() >= 0;
    const nameIndex = this.table().columns.findIndex((c) => c.key === 'name' || c.key === 'client');
    return this.table()
      .columns.map((column, index) => ({ column, index }))
      .filter(({ column }) => column.type !== 'client')
      .map(({ column, index }) => ({
        index,
        id: `c${index}`,
        // In a table of clients the name column is the client; elsewhere it is a product's name.
        title: this.translated(
          hasClient && index === nameIndex ? 'reports.columns.client' : `reports.columns.${column.key}`,
          column.key,
        ),
        numeric: NUMERIC.has(column.type),
        signed: column.type === 'ratio' && /change/i.test(column.key),
        linksClient: hasClient && index === nameIndex,
        // Past periods open their sales; the forecast's are still to come.
        isPeriod: column.type === 'date' && column.key === 'period' && this.table().key !== 'forecast',
      }));
  });
  protected readonly ids = computed(() => this.shown().map((c) => c.id));
  protected readonly title = computed(() => this.translated(`reports.tables.${this.table().key}`, this.table().key));
  protected readonly emptyText = computed(() => this.i18n.t('reports.viewer.emptyTable'));
  protected readonly moreText = computed(() =>
    this.i18n.t('reports.viewer.moreRows', { shown: this.table().rows.length, total: this.table().totalRows }),
  );

  constructor() {
    effect(() => {
      this.source.data = this.table().rows;
    });
    effect(() => {
      const sort = this.sort();
      if (sort) this.source.sort = sort;
    });
    this.source.sortingDataAccessor = (row, id) => {
      const index = Number(id.slice(1));
      return sortValue(row[index], this.table().columns[index]);
    };
  }

  protected clientOf(row: Row): string | null {
    const index = this.clientIndex();
    const id = index >= 0 ? row[index] : null;
    return typeof id === 'string' && id ? id : null;
  }

  protected cell(row: Row, index: number): string {
    const column = this.table().columns[index];
    const value = row[index];
    if (!column) return EMPTY_VALUE;
    const lang = this.i18n.language();
    if (column.type === 'text' && typeof value === 'string') {
      if (column.key === 'metric') return this.translated(`reports.kpis.${value}`, value);
      if (CODED.has(column.key)) return this.translated(`reports.values.${value}`, value);
    }
    if (column.key === 'month' && typeof value === 'number' && value >= 1 && value <= 12) {
      return new Intl.DateTimeFormat(lang, { month: 'long' }).format(new Date(2024, value - 1, 1));
    }
    if (column.key === 'month' && value === null && this.table().key === 'pipeline-by-month') {
      return this.translated('reports.values.no-date', EMPTY_VALUE);
    }
    // A close month (`2026-11`), as the pipeline report's table has it.
    if (column.key === 'month' && typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) {
      return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric' }).format(new Date(`${value}-01T00:00:00`));
    }
    // The comparison table's figures are money in the money indicators' rows.
    const metric = this.metricIndex() >= 0 ? row[this.metricIndex()] : null;
    const asMoney = column.type === 'number' && typeof metric === 'string' && MONEY_METRICS.has(metric);
    const own = this.currencyIndex() >= 0 ? row[this.currencyIndex()] : null;
    const currency = typeof own === 'string' && /^[A-Z]{3}$/.test(own) ? own : this.currency();
    return formatCell(value, asMoney ? { ...column, type: 'money' } : column, currency, lang);
  }

  private translated(key: string, fallback: string): string {
    return this.i18n.has(key) ? this.i18n.t(key as TranslationKey) : fallback;
  }
}
