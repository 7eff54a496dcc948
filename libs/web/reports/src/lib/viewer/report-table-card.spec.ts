import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { readyReport } from '../testing/report-fixtures';
import { formatCell, ReportTableCard } from './report-table-card';

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const spaces = (value: string) => value.replace(/[\u00a0\u202f]/g, ' ');

describe('ReportTableCard', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideNoopAnimations()] });
  });

  it('sorts money as numbers, both ways, from the column heading', async () => {
    const fixture = TestBed.createComponent(ReportTableCard);
    const table = readyReport().result?.tables.find((t) => t.key === 'top-clients');
    fixture.componentRef.setInput('table', table);
    fixture.componentRef.setInput('currency', 'RUB');
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const names = () => Array.from(element.querySelectorAll('[data-testid="report-row"] td:first-child')).map(text);
    expect(names()).toEqual(['Анна Петрова', 'Boris Ivanov', 'Ольга Смирнова']);

    const revenue = element.querySelectorAll('th')[1] as HTMLElement;
    expect(text(revenue)).toBe('Выручка');
    (revenue.querySelector('.mat-sort-header-container') as HTMLElement).click();
    fixture.detectChanges();
    // 95.50 < 900.00 < 1200.00: as numbers, not as text.
    expect(names()).toEqual(['Ольга Смирнова', 'Анна Петрова', 'Boris Ivanov']);
    (revenue.querySelector('.mat-sort-header-container') as HTMLElement).click();
    fixture.detectChanges();
    expect(names()).toEqual(['Boris Ivanov', 'Анна Петрова', 'Ольга Смирнова']);
    expect(spaces(text(element.querySelector('[data-testid="report-row"] td:last-child')))).toBe('1 200,00 ₽');
  });

  it('names coded values, months and the comparison’s money rows', async () => {
    const fixture = TestBed.createComponent(ReportTableCard);
    fixture.componentRef.setInput('table', {
      key: 'comparison',
      columns: [
        { key: 'metric', type: 'text' },
        { key: 'current', type: 'number' },
        { key: 'changePrevious', type: 'ratio' },
      ],
      rows: [
        ['revenue', '1500.00', 0.5],
        ['salesCount', 3, -0.25],
      ],
      totalRows: 2,
    });
    fixture.componentRef.setInput('currency', 'RUB');
    fixture.detectChanges();
    await fixture.whenStable();
    const rows = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="report-row"]')).map(
      (row) => spaces(text(row)),
    );
    expect(rows).toEqual(['Выручка 1 500,00 ₽ +50 %', 'Продажи 3 -25 %']);
    expect((fixture.nativeElement as HTMLElement).querySelector('.negative')).not.toBeNull();
  });

  it('writes cells by their type, an absent value as an en dash', () => {
    expect(spaces(formatCell('1234.5', { key: 'revenue', type: 'money' }, 'RUB', 'ru'))).toBe('1 234,50 ₽');
    expect(formatCell('1234.5', { key: 'revenue', type: 'money' }, 'RUB', 'en')).toBe('₽1,234.50');
    expect(spaces(formatCell(0.634, { key: 'share', type: 'ratio' }, 'RUB', 'ru'))).toBe('63,4 %');
    expect(formatCell('2026-11-01', { key: 'period', type: 'date' }, 'RUB', 'en')).toBe('Nov 1, 2026');
    expect(formatCell(null, { key: 'email', type: 'text' }, 'RUB', 'ru')).toBe('–');
  });
});
