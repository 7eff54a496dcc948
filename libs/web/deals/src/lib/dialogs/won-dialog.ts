import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MoneyPipe, TranslatePipe } from '@crm/web/i18n';

export interface WonDialogData {
  dealTitle: string;
  amount: string;
  currency: string;
}

/** A deal is won: create the sale it became? Closes with true / false, or nothing on cancel. */
@Component({
  selector: 'crm-won-dialog',
  imports: [MatButtonModule, MatDialogModule, MoneyPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'deals.won.title' | t }}</h2>
    <mat-dialog-content>
      <p class="deal">{{ data.dealTitle }}</p>
      <p>{{ 'deals.won.text' | t: { amount: (data.amount | money: data.currency) } }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button matButton="outlined" type="button" data-testid="won-without-sale" [mat-dialog-close]="false">
        {{ 'deals.won.withoutSale' | t }}
      </button>
      <button matButton="filled" type="button" data-testid="won-with-sale" [mat-dialog-close]="true" cdkFocusInitial>
        {{ 'deals.won.withSale' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .deal {
      margin-top: 0;
      font-weight: 500;
    }
  `,
})
export class WonDialog {
  protected readonly data = inject<WonDialogData>(MAT_DIALOG_DATA);
}
