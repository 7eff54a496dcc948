import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@crm/web/i18n';

/** Grey placeholder rows while a list loads; announced once to screen readers. */
@Component({
  selector: 'crm-list-skeleton',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', 'aria-live': 'polite' },
  template: `
    <span class="sr-only">{{ 'common.loading' | t }}</span>
    @for (row of rowList(); track row) {
      <div class="row" aria-hidden="true">
        <span class="bar wide"></span>
        <span class="bar"></span>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .row {
      display: flex;
      gap: 16px;
      align-items: center;
      padding: 14px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .row:last-child {
      border-bottom: 0;
    }
    .bar {
      height: 12px;
      border-radius: 6px;
      flex: 0 1 22%;
      background: linear-gradient(
        90deg,
        var(--mat-sys-surface-container-high) 0%,
        var(--mat-sys-surface-container-highest) 50%,
        var(--mat-sys-surface-container-high) 100%
      );
      background-size: 200% 100%;
      animation: shimmer 1.4s ease-in-out infinite;
    }
    .wide {
      flex-basis: 45%;
    }
    @keyframes shimmer {
      from {
        background-position: 100% 0;
      }
      to {
        background-position: -100% 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bar {
        animation: none;
      }
    }
  `,
})
export class ListSkeleton {
  readonly rows = input(3);
  protected readonly rowList = computed(() => Array.from({ length: this.rows() }, (_, index) => index));
}
