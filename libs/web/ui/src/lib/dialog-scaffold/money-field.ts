import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { controlChanges } from '../forms/control-changes';

/** What a money field's currency control takes: a three-letter code, upper-cased on save. */
export const CURRENCY_CODE_VALIDATORS: ValidatorFn[] = [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)];

type TextsOf<S extends string> = `${S}.amount` | `${S}.currency` | `${S}.invalidAmount` | `${S}.invalidCurrency`;
/**
 * A dictionary section with the field's texts (`deals.form`, `sales.form`): its `amount` and
 * `currency` labels, and `invalidAmount` and `invalidCurrency` for a wrong value.
 */
type SectionOf<K> = K extends `${infer S}.invalidCurrency` ? (TextsOf<S> extends TranslationKey ? S : never) : never;
export type MoneyFieldTexts = SectionOf<TranslationKey>;

/** The two controls of a money field in a form group (`form.controls` of a deal or a sale). */
export interface MoneyControls {
  amount: FormControl<string>;
  currency: FormControl<string>;
}

/**
 * The amount and currency of a form dialog (two cells of `crm-dialog-scaffold`'s grid): the
 * amount typed in the app language, the three-letter currency beside it, and what to say when
 * either is invalid. The test ids are `<testId>-amount` and `<testId>-currency`.
 *
 *   <crm-money-field testId="deal" texts="deals.form" [controls]="form.controls" />
 */
@Component({
  selector: 'crm-money-field',
  imports: [MatFormFieldModule, MatInputModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ text('amount') | t }}</mat-label>
      <input
        matInput
        inputmode="decimal"
        [formControl]="amount()"
        [attr.data-testid]="testId() + '-amount'"
        [attr.cdkFocusInitial]="focusInitial() ? '' : null"
      />
      @if (amountHint(); as hint) {
        <mat-hint>{{ hint }}</mat-hint>
      }
      <mat-error>{{ errorText(amountChanges, 'invalidAmount') | t }}</mat-error>
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>{{ text('currency') | t }}</mat-label>
      <input matInput [formControl]="currency()" maxlength="3" [attr.data-testid]="testId() + '-currency'" />
      <mat-error>{{ errorText(currencyChanges, 'invalidCurrency') | t }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class MoneyField {
  readonly controls = input.required<MoneyControls>();
  readonly texts = input.required<MoneyFieldTexts>();
  /** Prefix of the inputs' test ids: `deal` gives `deal-amount` and `deal-currency`. */
  readonly testId = input.required<string>();
  /** Shown under the amount (already translated). */
  readonly amountHint = input('');
  /** The amount takes the focus when the dialog opens. */
  readonly focusInitial = input(false);

  protected readonly amount = computed(() => this.controls().amount);
  protected readonly currency = computed(() => this.controls().currency);
  /** Read by the template: the errors show once the dialog is submitted. */
  protected readonly amountChanges = controlChanges(this.amount);
  protected readonly currencyChanges = controlChanges(this.currency);

  protected text(name: 'amount' | 'currency' | 'invalidAmount' | 'invalidCurrency'): TranslationKey {
    return `${this.texts()}.${name}` as TranslationKey;
  }

  protected errorText(changes: () => unknown, name: 'invalidAmount' | 'invalidCurrency'): TranslationKey {
    changes();
    return this.text(name);
  }
}
