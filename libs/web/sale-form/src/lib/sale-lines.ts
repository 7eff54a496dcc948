import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormArray, type FormGroup, type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@crm/web/i18n';

export type SaleLineGroup = FormGroup<{
  name: FormControl<string>;
  sku: FormControl<string>;
  quantity: FormControl<string>;
  unitPrice: FormControl<string>;
}>;

/**
 * The goods of a sale: one row per line (name, SKU, quantity, unit price) with remove, and an
 * add button; the form array belongs to the sale form. On phones a line wraps onto two rows.
 */
@Component({
  selector: 'crm-sale-lines',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="lines">
      <legend>{{ 'sales.form.items' | t }}</legend>
      @for (line of lines().controls; track line; let i = $index) {
        <div class="line" [formGroup]="line" data-testid="sale-line">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="name">
            <mat-label>{{ 'sales.form.itemName' | t }}</mat-label>
            <input matInput formControlName="name" data-testid="line-name" />
            <mat-error>{{ 'common.required' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="sku">
            <mat-label>{{ 'sales.form.itemSku' | t }}</mat-label>
            <input matInput formControlName="sku" data-testid="line-sku" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="qty">
            <mat-label>{{ 'sales.form.itemQuantity' | t }}</mat-label>
            <input matInput inputmode="decimal" formControlName="quantity" data-testid="line-quantity" />
            <mat-error>{{ 'sales.form.invalidQuantity' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="price">
            <mat-label>{{ 'sales.form.itemUnitPrice' | t }}</mat-label>
            <input matInput inputmode="decimal" formControlName="unitPrice" data-testid="line-price" />
            <mat-error>{{ 'sales.form.invalidPrice' | t }}</mat-error>
          </mat-form-field>
          <button
            matIconButton
            type="button"
            class="remove"
            data-testid="line-remove"
            [attr.aria-label]="'sales.form.removeItem' | t: { name: line.controls.name.value || i + 1 }"
            (click)="lines().removeAt(i)"
          >
            <mat-icon svgIcon="delete" />
          </button>
        </div>
      } @empty {
        <p class="none">{{ 'sales.form.noItems' | t }}</p>
      }
      <button matButton type="button" data-testid="line-add" (click)="add()">
        <mat-icon svgIcon="add" />
        {{ 'sales.form.addItem' | t }}
      </button>
    </fieldset>
  `,
  styles: `
    .lines {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 8px;
      padding: 0;
    }
    .line {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr) minmax(0, 1.2fr) minmax(0, 1.6fr) auto;
      gap: 8px;
      align-items: start;
      margin-bottom: 8px;
    }
    .remove {
      margin-top: 4px;
    }
    .none {
      margin: 0 0 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 599.98px) {
      .line {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto;
        padding-bottom: 8px;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      .name {
        grid-column: 1 / 3;
      }
      .sku {
        grid-column: 1 / -1;
        grid-row: 2;
      }
      .qty {
        grid-row: 3;
      }
      .price {
        grid-column: 2 / 4;
        grid-row: 3;
      }
      .remove {
        grid-column: 3;
        grid-row: 1;
      }
    }
  `,
})
export class SaleLines {
  readonly lines = input.required<FormArray<SaleLineGroup>>();
  /** Builds a new empty line (the form owns the validators). */
  readonly newLine = input.required<() => SaleLineGroup>();

  protected add(): void {
    this.lines().push(this.newLine()());
  }
}
