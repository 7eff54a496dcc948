import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/**
 * The "write a note" box above a record's notes or timeline: a two-line text field and the save
 * button (disabled while saving or while the text is blank), with room for more buttons beside it
 * (projected). It emits the trimmed text; the owner saves it and calls {@link clear} once saved.
 * The owner places it (padding) through its own class on `<crm-note-box>`.
 */
@Component({
  selector: 'crm-note-box',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="compose" (ngSubmit)="submit()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field" [style.flex-basis]="fieldWidth()">
        <mat-label>{{ label() }}</mat-label>
        <textarea
          matInput
          rows="2"
          name="text"
          [attr.maxlength]="maxLength()"
          [attr.data-testid]="textTestId()"
          [placeholder]="placeholder()"
          [ngModel]="text()"
          (ngModelChange)="text.set($event)"
        ></textarea>
      </mat-form-field>
      <div class="actions">
        <button
          matButton="filled"
          type="submit"
          [attr.data-testid]="saveTestId()"
          [disabled]="saving() || !text().trim()"
        >
          {{ saveLabel() }}
        </button>
        <ng-content />
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .compose {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: flex-end;
    }
    .field {
      flex: 1 1 260px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class NoteBox {
  readonly label = input.required<string>();
  readonly placeholder = input('');
  readonly saveLabel = input.required<string>();
  readonly saving = input(false);
  readonly maxLength = input<number | null>(null);
  /** The narrowest the text field gets before the buttons wrap under it. */
  readonly fieldWidth = input('260px');
  readonly textTestId = input<string | null>(null);
  readonly saveTestId = input<string | null>(null);
  /** The trimmed text of a new note. */
  readonly note = output<string>();

  protected readonly text = signal('');

  /** Empties the box (once the note is saved). */
  clear(): void {
    this.text.set('');
  }

  protected submit(): void {
    const text = this.text().trim();
    if (text && !this.saving()) this.note.emit(text);
  }
}
