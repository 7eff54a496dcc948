import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ClientResponse, SaleResponse } from '@crm/shared/contracts';
import { provideDialogTesting } from '@crm/web/core/testing';
import { I18n } from '@crm/web/i18n';
import { SaleFormDialog, type SaleFormDialogData } from './sale-form-dialog';

const sale: SaleResponse = {
  id: 's1',
  externalId: 'INV-1',
  clientId: 'c1',
  amount: '70.90',
  currency: 'RUB',
  soldAt: '2026-11-20T09:15:00.000Z',
  status: 'paid',
  items: [{ sku: 'TEA', name: 'Чай', quantity: 2, unitPrice: '35.45' }],
  createdAt: '2026-11-20T09:15:00.000Z',
  updatedAt: '2026-11-20T09:15:00.000Z',
};

const buyer = { id: 'c7', name: 'Ёлкин Пётр', email: 'yolkin@example.ru', externalId: null } as ClientResponse;

describe('sale form dialog', () => {
  let closed: unknown[];

  function render(data: Partial<SaleFormDialogData>, lang: 'ru' | 'en' = 'ru') {
    localStorage.clear();
    closed = [];
    TestBed.configureTestingModule({
      providers: provideDialogTesting({ companyId: 'co', clientId: null, sale: null, ...data }, (value) =>
        closed.push(value),
      ),
    });
    TestBed.inject(I18n).use(lang);
    TestBed.tick();
    const fixture = TestBed.createComponent(SaleFormDialog);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const all = (id: string) => Array.from(root.querySelectorAll<HTMLInputElement>(`[data-testid="${id}"]`));
    const one = (id: string) => all(id)[0];
    const type = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    const click = (id: string, index = 0) => {
      all(id)[index].click();
      fixture.detectChanges();
    };
    const submit = () => {
      root.querySelector('form')?.dispatchEvent(new Event('submit'));
      fixture.detectChanges();
    };
    return { fixture, all, one, type, click, submit, http: TestBed.inject(HttpTestingController) };
  }

  it('shows money and goods in Russian and edits the lines: add, change, remove', () => {
    const view = render({ clientId: 'c1', sale });
    expect(view.one('sale-amount').value).toBe('70,90');
    expect(view.one('line-price').value).toBe('35,45');
    expect(view.one('sale-date').value).toBe('20.11.2026');

    view.click('line-add');
    const [, name] = view.all('line-name');
    view.type(name, 'Сахар');
    view.type(view.all('line-quantity')[1], '1,5');
    view.type(view.all('line-price')[1], '10,2');
    view.type(view.all('line-quantity')[0], '3');
    expect(view.one('items-total').textContent).toContain('121,65');
    view.submit();
    const req = view.http.expectOne('/api/companies/co/sales/s1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({
      items: [
        { name: 'Чай', sku: 'TEA', quantity: 3, unitPrice: '35.45' },
        { name: 'Сахар', sku: null, quantity: 1.5, unitPrice: '10.2' },
      ],
    });
  });

  it('removes every line, and will not save a line without a name', () => {
    const view = render({ clientId: 'c1', sale });
    view.click('line-add');
    view.submit();
    view.http.expectNone('/api/companies/co/sales/s1');
    view.click('line-remove', 1);
    view.click('line-remove', 0);
    view.submit();
    expect(view.http.expectOne('/api/companies/co/sales/s1').request.body).toEqual({ items: [] });
  });

  it('creates a sale from the sales list: the buyer is picked by name, goods go with it', async () => {
    const view = render({ currency: 'USD' }, 'en');
    view.submit();
    view.http.expectNone((r) => r.method === 'POST');

    view.type(view.one('sale-buyer'), 'елкин');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const search = view.http.expectOne((r) => r.url === '/api/companies/co/clients');
    expect(search.request.params.get('q')).toBe('елкин');
    search.flush({ items: [buyer], total: 1, page: 1, pageSize: 10 });
    view.fixture.detectChanges();
    (view.fixture.componentInstance as unknown as { buyerQuery: { setValue(v: unknown): void } }).buyerQuery.setValue(
      buyer,
    );
    view.type(view.one('sale-amount'), '9.89');
    view.click('line-add');
    view.type(view.one('line-name'), 'Tea');
    view.type(view.one('line-price'), '9.89');
    view.submit();
    const req = view.http.expectOne((r) => r.method === 'POST');
    expect(req.request.body).toEqual(
      expect.objectContaining({
        clientId: 'c7',
        amount: '9.89',
        currency: 'USD',
        items: [{ name: 'Tea', sku: null, quantity: 1, unitPrice: '9.89' }],
      }),
    );
  });
});
