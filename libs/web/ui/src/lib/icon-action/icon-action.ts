import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

/**
 * A row's icon button (remove a member, edit a rate, copy a key): the icon, its name for screen
 * readers and its tooltip (the name unless told). Listen to `(click)` on it; a disabled one sends none.
 *
 *   <crm-icon-action icon="delete" testId="remove-anna" [label]="'Remove anna'" [tooltip]="'Remove'" (click)="remove()" />
 */
@Component({
  selector: 'crm-icon-action',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      matIconButton
      type="button"
      [attr.data-testid]="testId()"
      [disabled]="disabled()"
      [attr.aria-label]="label()"
      [matTooltip]="tooltip() || label()"
    >
      <mat-icon [svgIcon]="icon()" />
    </button>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class IconAction {
  readonly icon = input.required<string>();
  /** What the button does, for screen readers (already translated). */
  readonly label = input.required<string>();
  /** Shown on hover; the label when empty. */
  readonly tooltip = input('');
  readonly testId = input<string | null>(null);
  readonly disabled = input(false);
}
