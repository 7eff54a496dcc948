import { ChangeDetectionStrategy, Component, computed, input, ViewEncapsulation } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { TranslatePipe } from '@crm/web/i18n';
import type { DialogSave } from './dialog-save';

/**
 * The frame of a form dialog: title, the fields in a responsive grid (`.wide` spans the row), the
 * error line (`role="alert"`), Cancel and the submit button. It goes INSIDE the page's
 * `<form [formGroup]>` so the projected fields keep their form: the submit button is a plain
 * `type="submit"` of that form.
 *
 *   <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
 *     <crm-dialog-scaffold [title]="..." [save]="save" saveTestId="x-save">
 *       <mat-form-field>...</mat-form-field>
 *     </crm-dialog-scaffold>
 *   </form>
 */
@Component({
  selector: 'crm-dialog-scaffold',
  imports: [MatButtonModule, MatDialogModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  template: `
    <h2 mat-dialog-title>{{ title() }}</h2>
    <mat-dialog-content class="crm-dialog-grid" [style.--crm-dialog-column]="columnWidth()">
      <ng-content />
      @if (errorShown(); as text) {
        <p class="crm-dialog-error wide" role="alert">{{ text }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button matButton="filled" type="submit" [attr.data-testid]="saveTestId()" [disabled]="busy()">
        {{ busy() ? ('common.saving' | t) : saveLabel() || ('common.save' | t) }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    crm-dialog-scaffold {
      display: contents;
    }
    .crm-dialog-grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--crm-dialog-column, 200px)), 1fr));
      gap: 4px 12px;
      padding-top: 4px;
      /* A field without a hint keeps its height beside one with a hint (no stretched outline). */
      align-items: start;
    }
    .crm-dialog-grid .wide {
      grid-column: 1 / -1;
    }
    .crm-dialog-error {
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class DialogScaffold {
  readonly title = input.required<string>();
  /** What went wrong, already in words (the save's failure when not given). */
  readonly error = input<string | null>(null);
  readonly saving = input(false);
  /** The dialog's {@link DialogSave}: its failure is the error line, and the submit button waits while it runs. */
  readonly save = input<Pick<DialogSave<unknown>, 'errorText' | 'saving'> | null>(null);
  /** The submit button's label; "Save" when empty. */
  readonly saveLabel = input('');
  readonly saveTestId = input<string | null>(null);
  /** The narrowest a field column gets before the grid wraps. */
  readonly columnWidth = input('200px');

  protected readonly errorShown = computed(() => this.error() ?? this.save()?.errorText() ?? null);
  protected readonly busy = computed(() => this.saving() || !!this.save()?.saving());
}
