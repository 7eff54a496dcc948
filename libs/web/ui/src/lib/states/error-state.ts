import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@crm/web/i18n';

/** A failed load: what happened, and a retry button that gets focus-visible styling. */
@Component({
  selector: 'crm-error-state',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'alert' },
  template: `
    <mat-icon class="icon" svgIcon="error" aria-hidden="true" />
    <div class="body">
      <p class="title">{{ title() ?? ('errors.loadFailed' | t) }}</p>
      @if (message()) {
        <p class="message">{{ message() }}</p>
      }
    </div>
    <button matButton="outlined" type="button" (click)="retry.emit()">
      <mat-icon svgIcon="refresh" />
      {{ 'common.retry' | t }}
    </button>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 16px;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .icon {
      flex: none;
    }
    .body {
      flex: 1 1 220px;
    }
    .title {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .message {
      margin: 2px 0 0;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class ErrorState {
  readonly title = input<string | null>(null);
  readonly message = input<string | null>(null);
  readonly retry = output<void>();
}
