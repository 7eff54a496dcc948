import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { KeyClipboard } from '../key-clipboard';

/** "How to connect": a copy-ready curl call against this very server, and the API docs. */
@Component({
  selector: 'crm-connect-card',
  imports: [MatButtonModule, MatCardModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined">
      <div class="head">
        <span class="avatar" aria-hidden="true"><mat-icon svgIcon="code" /></span>
        <h2 class="title">{{ 'apiKeys.connect.title' | t }}</h2>
      </div>
      <mat-card-content>
        <p class="text">{{ 'apiKeys.connect.text' | t }}</p>
        <pre
          class="code"
          tabindex="0"
          [attr.aria-label]="'apiKeys.connect.exampleLabel' | t"
        ><code data-testid="curl-example">{{ example() }}</code></pre>
      </mat-card-content>
      <mat-card-actions class="actions">
        <button matButton="tonal" type="button" (click)="clipboard.copy(example(), 'apiKeys.connect.exampleCopied')">
          <mat-icon svgIcon="copy" />
          {{ 'apiKeys.connect.copyExample' | t }}
        </button>
        <a matButton href="/api/docs" target="_blank" rel="noopener" data-testid="api-docs-link">
          <mat-icon svgIcon="docs" />
          {{ 'apiKeys.connect.docs' | t }}
          <mat-icon svgIcon="open-in-new" iconPositionEnd />
        </a>
      </mat-card-actions>
    </mat-card>
  `,
  styles: `
    .head {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 16px 16px 0;
    }
    .avatar {
      display: grid;
      place-items: center;
      width: 36px;
      height: 36px;
      border-radius: 10px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .text {
      margin: 12px 0;
      max-width: 80ch;
    }
    .code {
      margin: 0;
      padding: 12px 14px;
      border-radius: 10px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font:
        12.5px/1.6 'JetBrains Mono',
        'DejaVu Sans Mono',
        Menlo,
        Consolas,
        monospace;
      overflow-x: auto;
      white-space: pre;
    }
    .actions {
      flex-wrap: wrap;
      gap: 8px;
      padding: 4px 16px 16px;
    }
  `,
})
export class ConnectCard {
  private readonly i18n = inject(I18n);
  private readonly origin = inject(DOCUMENT).location?.origin ?? '';
  protected readonly clipboard = inject(KeyClipboard);

  protected readonly example = computed(() => {
    const body = JSON.stringify({
      items: [{ externalId: 'shop-1001', name: this.i18n.t('apiKeys.connect.sampleName'), email: 'anna@example.com' }],
    });
    return [
      `export CRM_API_KEY='${this.i18n.t('apiKeys.connect.keyPlaceholder')}'`,
      `curl -X POST '${this.origin}/api/v1/clients/batch' \\`,
      `  -H "X-API-Key: $CRM_API_KEY" \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -d '${body}'`,
    ].join('\n');
  });
}
