import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { TranslatePipe } from '@crm/web/i18n';
import { DialogScaffold, TextField } from '@crm/web/ui';

export interface LostReasonDialogData {
  dealTitle: string;
}

/** Asks why a deal was lost (the API requires a reason); closes with the reason, or nothing on cancel. */
@Component({
  selector: 'crm-lost-reason-dialog',
  imports: [DialogScaffold, ReactiveFormsModule, TextField, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <crm-dialog-scaffold
        [title]="'deals.lost.title' | t"
        [saveLabel]="'deals.lost.confirm' | t"
        saveTestId="lost-confirm"
        columnWidth="320px"
      >
        <p class="wide deal">{{ data.dealTitle }}</p>
        <crm-text-field
          testId="lost-reason"
          [control]="form.controls.reason"
          [rows]="3"
          [wide]="true"
          [focusInitial]="true"
          [label]="'deals.lost.reason' | t"
          [hint]="'deals.lost.reasonHint' | t"
          [error]="'common.required' | t"
        />
      </crm-dialog-scaffold>
    </form>
  `,
  styles: `
    .deal {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LostReasonDialog {
  protected readonly data = inject<LostReasonDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<LostReasonDialog, string>>(MatDialogRef);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(1000), Validators.pattern(/\S/)]],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.ref.close(this.form.getRawValue().reason.trim());
  }
}
