import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { I18n } from '@crm/web/i18n';
import { CURRENCY_CODE_VALIDATORS, MoneyField } from './money-field';

@Component({
  imports: [MoneyField],
  template: `
    <crm-money-field
      testId="deal"
      texts="deals.form"
      amountHint="Итог по строкам"
      [focusInitial]="true"
      [controls]="form.controls"
    />
    <button type="button" data-testid="submit" (click)="form.markAllAsTouched()">OK</button>
  `,
})
class Host {
  readonly form = new FormGroup({
    amount: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    currency: new FormControl('RUB', { nonNullable: true, validators: CURRENCY_CODE_VALIDATORS }),
  });
}

async function render(lang: 'ru' | 'en' = 'ru') {
  localStorage.clear();
  TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
  TestBed.inject(I18n).use(lang);
  TestBed.tick();
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
  const texts = (selector: string) => Array.from(element.querySelectorAll(selector), (e) => e.textContent?.trim());
  return { fixture, element, input, type, submit, texts };
}

describe('MoneyField', () => {
  it('labels both inputs from the dictionary section, the amount focused first, the hint under it', async () => {
    const view = await render();
    expect(view.texts('mat-label')).toEqual(['Сумма', 'Валюта']);
    expect(view.input('deal-amount').getAttribute('inputmode')).toBe('decimal');
    expect(view.input('deal-amount').hasAttribute('cdkFocusInitial')).toBe(true);
    expect(view.input('deal-currency').value).toBe('RUB');
    expect(view.input('deal-currency').maxLength).toBe(3);
    expect(view.texts('mat-hint')).toEqual(['Итог по строкам']);
  });

  it('writes what is typed into the form controls', async () => {
    const view = await render();
    await view.type('deal-amount', '250 000,50');
    await view.type('deal-currency', 'usd');
    expect(view.fixture.componentInstance.form.getRawValue()).toEqual({ amount: '250 000,50', currency: 'usd' });
  });

  it('says what is wrong with each, in the app language, once the dialog marks its fields touched', async () => {
    const view = await render('en');
    await view.type('deal-currency', 'RU');
    expect(view.texts('mat-error')).toEqual([]);

    await view.submit();
    expect(view.texts('mat-error')).toEqual([
      'A number of zero or more, up to 2 decimals',
      'A three-letter code, e.g. USD',
    ]);

    await view.type('deal-amount', '10');
    await view.type('deal-currency', 'EUR');
    expect(view.texts('mat-error')).toEqual([]);
  });
});
