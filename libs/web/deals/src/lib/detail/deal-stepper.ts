import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { StageResponse } from '@crm/shared/contracts';
import { TranslatePipe } from '@crm/web/i18n';

/**
 * The pipeline's stages as steps: those before the current one done, the current one marked; each
 * step a button that moves the deal there (the page asks for a lost reason or the sale).
 */
@Component({
  selector: 'crm-deal-stepper',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="steps" [attr.aria-label]="'deals.detail.stages' | t">
      @for (stage of stages(); track stage.id; let i = $index) {
        <li
          class="step"
          [class.passed]="i < currentIndex() && stage.kind === 'open'"
          [class.current]="i === currentIndex()"
          [class.won]="stage.kind === 'won'"
          [class.lost]="stage.kind === 'lost'"
        >
          <button
            type="button"
            class="step-button"
            [disabled]="i === currentIndex() || disabled()"
            [attr.aria-current]="i === currentIndex() ? 'step' : null"
            [attr.data-testid]="'step-' + stage.position"
            (click)="pick.emit(stage)"
          >
            <span class="dot" aria-hidden="true">
              @if (i < currentIndex() && stage.kind === 'open') {
                <mat-icon svgIcon="check" />
              } @else {
                {{ i + 1 }}
              }
            </span>
            <span class="label">{{ stage.name }}</span>
          </button>
        </li>
      }
    </ol>
  `,
  styles: `
    .steps {
      display: flex;
      gap: 4px;
      margin: 0;
      padding: 0;
      list-style: none;
      overflow-x: auto;
    }
    .step {
      flex: 1 0 auto;
    }
    .step-button {
      width: 100%;
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 8px 10px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 10px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
      text-align: left;
      cursor: pointer;
    }
    .step-button:hover:not(:disabled) {
      background: var(--mat-sys-surface-container);
    }
    .step-button:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .step-button:disabled {
      cursor: default;
    }
    .dot {
      flex: none;
      display: grid;
      place-items: center;
      width: 24px;
      height: 24px;
      border-radius: 50%;
      background: var(--mat-sys-surface-container-high);
      font: var(--mat-sys-label-medium);
    }
    .dot mat-icon {
      width: 16px;
      height: 16px;
    }
    .label {
      white-space: nowrap;
    }
    .passed .step-button {
      color: var(--mat-sys-on-surface);
    }
    .passed .dot {
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    .current .step-button {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .current .dot {
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    .current.lost .step-button {
      border-color: var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .current.lost .dot {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
})
export class DealStepper {
  readonly stages = input.required<readonly StageResponse[]>();
  readonly stageId = input.required<string>();
  readonly disabled = input(false);
  readonly pick = output<StageResponse>();
  protected readonly currentIndex = computed(() => this.stages().findIndex((stage) => stage.id === this.stageId()));
}
