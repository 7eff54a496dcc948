import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, Validators } from '@angular/forms';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { CURRENCY_CODE_VALIDATORS, MoneyField } from './money-field';

@Component({
  imports: [MoneyField],
  template: `
    <crm-money-field
      testId="deal"
      amountLabel="Сумма"
      amountError="Неверная сумма"
      amountHint="Итог по строкам"
      currencyLabel="Валюта"
      currencyError="Трёхбуквенный код"
      [focusInitial]="true"
      [amount]="amount"
      [currency]="currency"
    />
    <button type="button" data-testid="submit" (click)="amount.markAsTouched(); currency.markAsTouched()">OK</button>
  `,
})
class Host {
  readonly amount = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  readonly currency = new FormControl('RUB', { nonNullable: true, validators: CURRENCY_CODE_VALIDATORS });
}

async function render() {
  TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const input = (id: string) => element.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
  const type = async (id: string, text: string) => {
    input(id).value = text;
    input(id).dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const submit = async () => {
    (element.querySelector('[data-testid="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
  };
  const errors = () => Array.from(element.querySelectorAll('mat-error'), (e) => e.textContent?.trim());
  return { fixture, element, input, type, submit, errors };
}

describe('MoneyField', () => {
  it('shows both controls under the given test ids, the amount focused first, the hint under it', async () => {
    const view = await render();
    expect(view.input('deal-amount').getAttribute('inputmode')).toBe('decimal');
    expect(view.input('deal-amount').hasAttribute('cdkFocusInitial')).toBe(true);
    expect(view.input('deal-currency').value).toBe('RUB');
    expect(view.input('deal-currency').maxLength).toBe(3);
    expect(view.element.querySelector('mat-hint')?.textContent?.trim()).toBe('Итог по строкам');
  });

  it('writes what is typed into the form controls', async () => {
    const view = await render();
    await view.type('deal-amount', '250 000,50');
    await view.type('deal-currency', 'usd');
    expect(view.fixture.componentInstance.amount.value).toBe('250 000,50');
    expect(view.fixture.componentInstance.currency.value).toBe('usd');
  });

  it('says what is wrong with each once the dialog marks its fields touched on submit', async () => {
    const view = await render();
    await view.type('deal-currency', 'RU');
    expect(view.errors()).toEqual([]);

    await view.submit();
    expect(view.errors()).toEqual(['Неверная сумма', 'Трёхбуквенный код']);

    await view.type('deal-amount', '10');
    await view.type('deal-currency', 'EUR');
    expect(view.errors()).toEqual([]);
  });
});
