import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** An empty list that says what to do next; put the next step's button inside. */
@Component({
  selector: 'crm-empty-state',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-icon class="icon" [svgIcon]="icon()" aria-hidden="true" />
    <h2 class="title">{{ title() }}</h2>
    @if (text()) {
      <p class="text">{{ text() }}</p>
    }
    <div class="action"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      padding: 32px 16px;
      gap: 8px;
    }
    .icon {
      width: 40px;
      height: 40px;
      color: var(--mat-sys-primary);
    }
    .title {
      margin: 4px 0 0;
      font: var(--mat-sys-title-medium);
    }
    .text {
      margin: 0;
      max-width: 52ch;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .action:not(:empty) {
      margin-top: 8px;
    }
  `,
})
export class EmptyState {
  readonly icon = input('info');
  readonly title = input.required<string>();
  readonly text = input<string | null>(null);
}
