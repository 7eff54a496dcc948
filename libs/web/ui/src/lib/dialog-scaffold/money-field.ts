import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { controlChanges } from '../forms/control-changes';

/** What a money field's currency control takes: a three-letter code, upper-cased on save. */
export const CURRENCY_CODE_VALIDATORS: ValidatorFn[] = [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)];

/**
 * The amount and currency of a form dialog (two cells of `crm-dialog-scaffold`'s grid): the
 * amount typed in the app language, the three-letter currency beside it, and what to say when
 * either is invalid. The test ids are `<testId>-amount` and `<testId>-currency`.
 *
 *   <crm-money-field testId="sale" [amount]="form.controls.amount" [currency]="form.controls.currency"
 *                    [amountLabel]="'sales.form.amount' | t" [amountError]="'sales.form.invalidAmount' | t"
 *                    [currencyLabel]="'sales.form.currency' | t"
 *                    [currencyError]="'sales.form.invalidCurrency' | t" />
 */
@Component({
  selector: 'crm-money-field',
  imports: [MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ amountLabel() }}</mat-label>
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
      <mat-error>{{ amountErrorText() }}</mat-error>
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>{{ currencyLabel() }}</mat-label>
      <input matInput [formControl]="currency()" maxlength="3" [attr.data-testid]="testId() + '-currency'" />
      <mat-error>{{ currencyErrorText() }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class MoneyField {
  readonly amount = input.required<FormControl<string>>();
  readonly currency = input.required<FormControl<string>>();
  readonly amountLabel = input.required<string>();
  readonly currencyLabel = input.required<string>();
  /** Shown when the amount is invalid and touched. */
  readonly amountError = input('');
  /** Shown when the currency is invalid and touched. */
  readonly currencyError = input('');
  readonly amountHint = input('');
  /** Prefix of the inputs' test ids: `deal` gives `deal-amount` and `deal-currency`. */
  readonly testId = input.required<string>();
  /** The amount takes the focus when the dialog opens. */
  readonly focusInitial = input(false);

  /** Read by the template: the errors show once the dialog is submitted. */
  private readonly amountChanges = controlChanges(this.amount);
  private readonly currencyChanges = controlChanges(this.currency);

  protected amountErrorText(): string {
    this.amountChanges();
    return this.amountError();
  }

  protected currencyErrorText(): string {
    this.currencyChanges();
    return this.currencyError();
  }
}
