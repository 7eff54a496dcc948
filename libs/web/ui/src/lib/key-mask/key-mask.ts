import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** An API key: its prefix and dots, or the whole secret once revealed. */
@Component({
  selector: 'crm-key-mask',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<code [class.revealed]="!!secret()">{{ text() }}</code>`,
  styles: `
    code {
      font-family: 'JetBrains Mono', 'Fira Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
      font-size: 13px;
      letter-spacing: 0.02em;
      word-break: break-all;
      color: var(--mat-sys-on-surface);
    }
    code:not(.revealed) {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class KeyMask {
  readonly prefix = input.required<string>();
  /** The full key when revealed. */
  readonly secret = input<string | null>(null);
  protected readonly text = computed(() => this.secret() ?? `${this.prefix()}${'•'.repeat(12)}`);
}
