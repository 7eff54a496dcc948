import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { I18n, type TranslationKey } from '@crm/web/i18n';
import { finalize, type Observable } from 'rxjs';
import { Toasts } from '../toasts/toasts';

type NoteTextsOf<S extends string> = `${S}.noteLabel` | `${S}.notePlaceholder` | `${S}.noteSave` | `${S}.noteAdded`;
/**
 * A dictionary section with the box's texts (`clients.detail`, `deals.timeline`): its `noteLabel`,
 * `notePlaceholder`, `noteSave` and `noteAdded` (said once saved).
 */
type NoteSectionOf<K> = K extends `${infer S}.noteAdded` ? (NoteTextsOf<S> extends TranslationKey ? S : never) : never;
export type NoteBoxTexts = NoteSectionOf<TranslationKey>;

/**
 * The "write a note" box above a record's notes or timeline: a two-line text field and the save
 * button (disabled while saving or while the text is blank), with room for more buttons beside it
 * (projected). Saving sends the trimmed text through `send`; once saved the box empties, says
 * `savedText` and emits the note (the texts given one by one, or as a dictionary section in `texts`); a failure is said in a snackbar and the text stays. The owner
 * places it (padding) through its own class on `<crm-note-box>`.
 */
@Component({
  selector: 'crm-note-box',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="compose" (ngSubmit)="submit()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field" [style.flex-basis]="fieldWidth()">
        <mat-label>{{ labelText() }}</mat-label>
        <textarea
          matInput
          rows="2"
          name="text"
          [attr.maxlength]="maxLength()"
          [attr.data-testid]="textTestId()"
          [placeholder]="placeholderText()"
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
          {{ saveText() }}
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
export class NoteBox<T = unknown> {
  private readonly i18n = inject(I18n);
  private readonly toasts = inject(Toasts);

  /** Saves a note's text; the box waits for its answer. */
  readonly send = input.required<(text: string) => Observable<T>>();
  /** The section of the texts not given one by one. */
  readonly texts = input<NoteBoxTexts | null>(null);
  readonly label = input('');
  readonly placeholder = input('');
  readonly saveLabel = input('');
  /** Said once the note is saved. */
  readonly savedText = input('');
  readonly maxLength = input<number | null>(null);
  /** The narrowest the text field gets before the buttons wrap under it. */
  readonly fieldWidth = input('260px');
  readonly textTestId = input<string | null>(null);
  readonly saveTestId = input<string | null>(null);
  /** The saved note, as the server answered. */
  readonly saved = output<T>();

  protected readonly labelText = computed(() => this.label() || this.sectionText('noteLabel'));
  protected readonly placeholderText = computed(() => this.placeholder() || this.sectionText('notePlaceholder'));
  protected readonly saveText = computed(() => this.saveLabel() || this.sectionText('noteSave'));
  protected readonly text = signal('');
  protected readonly saving = signal(false);

  protected submit(): void {
    const text = this.text().trim();
    if (!text || this.saving()) return;
    this.saving.set(true);
    this.send()(text)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (note) => {
          this.text.set('');
          this.toasts.said(this.savedText() || this.sectionText('noteAdded'));
          this.saved.emit(note);
        },
        error: (error: unknown) => this.toasts.failed(error),
      });
  }

  private sectionText(name: 'noteLabel' | 'notePlaceholder' | 'noteSave' | 'noteAdded'): string {
    const section = this.texts();
    return section ? this.i18n.t(`${section}.${name}` as TranslationKey) : '';
  }
}
