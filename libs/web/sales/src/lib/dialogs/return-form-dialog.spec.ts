import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SaleDetailResponse } from '@crm/shared/contracts';
import { provideDialogTesting } from '@crm/web/core/testing';
import { I18n } from '@crm/web/i18n';
import { ReturnFormDialog } from './return-form-dialog';
import { dayOf } from '@crm/web/sale-form';

const sale = {
  id: 's-1',
  externalId: 'INV-1',
  clientId: 'c-1',
  amount: '100.00',
  currency: 'GBP',
  soldAt: '2026-03-01T09:15:00.000Z',
  status: 'paid',
  items: [],
  returns: [],
} as unknown as SaleDetailResponse;

describe('return form dialog', () => {
  function render(lang: 'ru' | 'en') {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: provideDialogTesting({ companyId: 'co', sale }),
    });
    TestBed.inject(I18n).use(lang);
    TestBed.tick();
    const fixture = TestBed.createComponent(ReturnFormDialog);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const date = root.querySelector('[data-testid="return-date"]') as HTMLInputElement;
    const type = (value: string) => {
      date.value = value;
      date.dispatchEvent(new Event('input'));
      date.dispatchEvent(new Event('blur'));
      fixture.detectChanges();
    };
    const submit = () => {
      root.querySelector('form')?.dispatchEvent(new Event('submit'));
      fixture.detectChanges();
    };
    return { date, type, submit, http: TestBed.inject(HttpTestingController) };
  }

  const today = () => {
    const now = new Date();
    return { d: String(now.getDate()).padStart(2, '0'), m: String(now.getMonth() + 1).padStart(2, '0') };
  };

  it('shows and reads the date in Russian order, and sends the day to the API unchanged', () => {
    const view = render('ru');
    const { d, m } = today();
    expect(view.date.value).toBe(`${d}.${m}.${new Date().getFullYear()}`);
    view.type('10.03.2026');
    view.submit();
    const req = view.http.expectOne('/api/companies/co/sales');
    expect(dayOf(req.request.body.soldAt)).toBe('2026-03-10');
    expect(req.request.body).toMatchObject({ kind: 'return', returnOf: 's-1', amount: '100.00' });
  });

  it('reads 03/10/2026 as March 10 in English', () => {
    const view = render('en');
    const { d, m } = today();
    expect(view.date.value).toBe(`${m}/${d}/${new Date().getFullYear()}`);
    view.type('03/10/2026');
    view.submit();
    expect(dayOf(view.http.expectOne('/api/companies/co/sales').request.body.soldAt)).toBe('2026-03-10');
  });

  it('refuses a date that is not one and sends nothing', () => {
    const view = render('ru');
    view.type('31.02.2026');
    view.submit();
    view.http.expectNone('/api/companies/co/sales');
  });
});
