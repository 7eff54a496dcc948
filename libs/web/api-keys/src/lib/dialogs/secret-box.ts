import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@crm/web/i18n';
import { KeyClipboard } from '../key-clipboard';

/** A freshly issued key in full, with a copy button. */
@Component({
  selector: 'crm-secret-box',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="label" id="secret-label">{{ 'apiKeys.secretDialog.keyLabel' | t }}</span>
    <div class="box">
      <code class="secret" data-testid="new-key" aria-labelledby="secret-label">{{ secret() }}</code>
      <button matButton="tonal" type="button" data-testid="copy-new-key" (click)="clipboard.copy(secret())">
        <mat-icon svgIcon="copy" />
        {{ 'common.copy' | t }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .label {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .box {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-top: 4px;
      padding: 10px 12px;
      border-radius: 10px;
      background: var(--mat-sys-surface-container-high);
    }
    .secret {
      flex: 1 1 240px;
      font-family: 'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
      font-size: 13px;
      word-break: break-all;
      user-select: all;
    }
  `,
})
export class SecretBox {
  readonly secret = input.required<string>();
  protected readonly clipboard = inject(KeyClipboard);
}
