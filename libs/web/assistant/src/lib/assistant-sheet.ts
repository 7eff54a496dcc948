import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@crm/web/i18n';
import { AssistantChat } from './assistant-chat';

/** The assistant as a side sheet over any screen (the shell's `assistant` outlet). */
@Component({
  selector: 'crm-assistant-sheet',
  imports: [AssistantChat, MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aside class="sheet" role="complementary" [attr.aria-label]="'assistant.title' | t" data-testid="assistant-sheet">
      <header class="head">
        <h2 class="title">{{ 'assistant.title' | t }}</h2>
        <a mat-icon-button [routerLink]="['/assistant']" [attr.aria-label]="'assistant.openPage' | t">
          <mat-icon svgIcon="open-in-new" />
        </a>
        <button mat-icon-button type="button" [attr.aria-label]="'assistant.close' | t" (click)="close()">
          <mat-icon svgIcon="close" />
        </button>
      </header>
      <crm-assistant-chat [compact]="true" />
    </aside>
  `,
  styles: `
    .sheet {
      position: fixed;
      top: 64px;
      right: 0;
      bottom: 0;
      width: min(440px, 100vw);
      z-index: 20;
      display: flex;
      flex-direction: column;
      padding: 8px 12px 12px;
      background: var(--mat-sys-surface);
      border-left: 1px solid var(--mat-sys-outline-variant);
      box-shadow: var(--mat-sys-level3);
    }
    .head {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .title {
      flex: 1 1 auto;
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    crm-assistant-chat {
      flex: 1 1 auto;
      min-height: 0;
    }
  `,
})
export class AssistantSheet {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected close(): void {
    void this.router.navigate([{ outlets: { assistant: null } }], { relativeTo: this.route.parent });
  }
}
