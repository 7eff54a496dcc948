import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { CompanyContext } from '@crm/web/core';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { PageHeader, Toasts } from '@crm/web/ui';
import { firstValueFrom } from 'rxjs';
import { AssistantApi } from './assistant-api';
import { AssistantChat } from './assistant-chat';

/** The assistant's full page: the conversation history beside the chat. */
@Component({
  selector: 'crm-assistant-page',
  imports: [AssistantChat, MatButtonModule, MatCardModule, MatIconModule, MatListModule, PageHeader, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header [title]="'assistant.title' | t" [subtitle]="'assistant.subtitle' | t">
      <button mat-flat-button type="button" (click)="select(null)">{{ 'assistant.newChat' | t }}</button>
    </crm-page-header>
    <div class="layout">
      <mat-card appearance="outlined" class="history">
        <h2 class="history-title">{{ 'assistant.history' | t }}</h2>
        @if ((history.value()?.items ?? []).length === 0) {
          <p class="muted">{{ 'assistant.noHistory' | t }}</p>
        }
        <mat-nav-list>
          @for (c of history.value()?.items ?? []; track c.id) {
            <div class="row" [class.active]="c.id === selected()">
              <a
                mat-list-item
                data-testid="assistant-history-item"
                tabindex="0"
                (click)="select(c.id)"
                (keydown.enter)="select(c.id)"
                [activated]="c.id === selected()"
              >
                <span matListItemTitle>{{ c.title }}</span>
              </a>
              <button
                mat-icon-button
                type="button"
                [attr.aria-label]="'assistant.rename' | t"
                (click)="rename(c.id, c.title)"
              >
                <mat-icon svgIcon="edit" />
              </button>
              <button mat-icon-button type="button" [attr.aria-label]="'assistant.delete' | t" (click)="remove(c.id)">
                <mat-icon svgIcon="delete" />
              </button>
            </div>
          }
        </mat-nav-list>
      </mat-card>
      <mat-card appearance="outlined" class="main">
        <crm-assistant-chat [conversationId]="selected()" (changed)="changed($event)" />
      </mat-card>
    </div>
  `,
  styles: `
    .layout {
      display: grid;
      grid-template-columns: minmax(220px, 280px) minmax(0, 1fr);
      gap: 16px;
      align-items: start;
    }
    .history {
      padding: 8px;
    }
    .history-title {
      font: var(--mat-sys-title-small);
      margin: 8px;
    }
    .row {
      display: flex;
      align-items: center;
    }
    .row a {
      flex: 1 1 auto;
      min-width: 0;
    }
    .main {
      min-width: 0;
      padding: 12px;
      height: calc(100dvh - 220px);
      min-height: 420px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin: 8px;
    }
    @media (max-width: 760px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
      .history {
        order: 2;
      }
    }
  `,
})
export class AssistantPage {
  private readonly api = inject(AssistantApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly toasts = inject(Toasts);
  protected readonly selected = signal<string | null>(null);

  protected readonly history = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.api.conversations(params),
  });

  protected select(id: string | null): void {
    this.selected.set(id);
  }

  protected changed(id: string): void {
    if (!this.selected()) this.selected.set(id);
    this.history.reload();
  }

  protected async rename(id: string, title: string): Promise<void> {
    const companyId = this.context.activeId();
    const next = globalThis.prompt?.(this.i18n.t('assistant.renamePrompt'), title)?.trim();
    if (!companyId || !next) return;
    await firstValueFrom(this.api.rename(companyId, id, next));
    this.history.reload();
  }

  protected async remove(id: string): Promise<void> {
    const companyId = this.context.activeId();
    if (!companyId) return;
    await firstValueFrom(this.api.remove(companyId, id));
    if (this.selected() === id) this.selected.set(null);
    this.history.reload();
    this.toasts.said(this.i18n.t('assistant.deleted'));
  }
}
