import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideAppDates, provideIcons } from '@crm/web/core';
import { I18n } from '@crm/web/i18n';
import { SaleFilters } from './sale-filters';
import { EMPTY_SALE_LIST_STATE, type SaleListState } from './sale-list-state';

describe('sale filters', () => {
  beforeEach(() => {
    localStorage.clear();
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideIcons(), provideAppDates()],
    });
  });
  afterEach(() => jest.useRealTimers());

  function render(state: Partial<SaleListState> = {}) {
    const fixture = TestBed.createComponent(SaleFilters);
    fixture.componentRef.setInput('state', { ...EMPTY_SALE_LIST_STATE, ...state });
    fixture.detectChanges();
    const changes: Partial<SaleListState>[] = [];
    fixture.componentInstance.changed.subscribe((change) => changes.push(change));
    const field = (id: string) => fixture.nativeElement.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
    const type = (id: string, value: string) => {
      field(id).value = value;
      field(id).dispatchEvent(new Event('input'));
    };
    return { fixture, changes, field, type };
  }

  it('applies currency and amounts while the user types (once typing pauses), without leaving the field', () => {
    const { changes, type } = render();
    type('currency-filter', 'u');
    type('currency-filter', 'usd');
    type('amountMin-filter', '70,9');
    type('amountMax-filter', '1 000');
    jest.advanceTimersByTime(299);
    expect(changes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(changes).toEqual([{ currency: 'USD', amountMin: '70.9', amountMax: '1000' }]);
  });

  it('waits on half-typed values and clears a filter whose field is emptied', () => {
    const { changes, type } = render({ currency: 'EUR', amountMin: '5' });
    type('currency-filter', 'US');
    type('amountMin-filter', '5,');
    jest.advanceTimersByTime(300);
    expect(changes).toEqual([]);
    type('currency-filter', '');
    type('amountMin-filter', '');
    jest.advanceTimersByTime(300);
    expect(changes).toEqual([{ currency: '', amountMin: '' }]);
  });

  it('shows amounts and dates the way the app language writes them', () => {
    TestBed.inject(I18n).use('ru');
    TestBed.tick();
    const ru = render({ amountMin: '70.9', from: '2026-11-20' });
    expect(ru.field('amountMin-filter').value).toBe('70,9');
    expect(ru.field('from-filter').value).toBe('20.11.2026');

    TestBed.inject(I18n).use('en');
    TestBed.tick();
    const en = render({ amountMin: '70.9', from: '2026-11-20' });
    expect(en.field('amountMin-filter').value).toBe('70.9');
    expect(en.field('from-filter').value).toBe('11/20/2026');
  });
});
