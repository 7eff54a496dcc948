import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import type { TaskResponse } from '@crm/shared/contracts';
import { LocalDateTimePipe, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { isOverdue } from './task-groups';

const TYPE_ICONS: Record<string, string> = { call: 'phone', meeting: 'event', email: 'mail', todo: 'task-alt' };

/**
 * One task: done checkbox, kind, title, due moment (overdue in the error colour), deal and client
 * links, and a menu to edit or delete it.
 */
@Component({
  selector: 'crm-task-item',
  imports: [
    LocalDateTimePipe,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatMenuModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-checkbox
      [checked]="task().done"
      [disabled]="busy()"
      data-testid="task-done"
      [attr.aria-label]="(task().done ? 'tasks.markUndone' : 'tasks.markDone') | t: { name: task().title }"
      (change)="doneChange.emit(!task().done)"
    />
    <mat-icon class="type" [svgIcon]="icon()" [attr.title]="typeKey() | t" aria-hidden="true" />
    <div class="body">
      <span class="title" [class.done]="task().done" data-testid="task-title-text">{{ task().title }}</span>
      <span class="links">
        <span class="kind">{{ typeKey() | t }}</span>
        @if (task().dealId && showDeal()) {
          <a [routerLink]="['/deals', task().dealId]">{{ task().dealTitle || ('tasks.deal' | t) }}</a>
        }
        @if (task().clientId) {
          <a [routerLink]="['/clients', task().clientId]">{{ task().clientName || '–' }}</a>
        }
        @if (task().assigneeName) {
          <span>{{ task().assigneeName }}</span>
        }
      </span>
    </div>
    <span class="due" [class.overdue]="overdue()" data-testid="task-due-at">
      @if (overdue()) {
        <span class="sr-only">{{ 'deals.overdue' | t }}:</span>
      }
      {{ task().dueAt | localDateTime }}
    </span>
    <button
      matIconButton
      type="button"
      class="more"
      data-testid="task-menu"
      [disabled]="busy()"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'tasks.actions' | t: { name: task().title }"
    >
      <mat-icon svgIcon="more-vert" />
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <button mat-menu-item type="button" data-testid="task-edit" (click)="edit.emit()">
        <mat-icon svgIcon="edit" />{{ 'tasks.edit' | t }}
      </button>
      <button mat-menu-item type="button" class="danger" data-testid="task-delete" (click)="remove.emit()">
        <mat-icon svgIcon="delete" />{{ 'tasks.delete' | t }}
      </button>
    </mat-menu>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: auto auto minmax(0, 1fr) auto auto;
      align-items: center;
      gap: 4px 8px;
      padding: 6px 4px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .type {
      color: var(--mat-sys-on-surface-variant);
    }
    .body {
      min-width: 0;
    }
    .title {
      display: block;
      color: var(--mat-sys-on-surface);
      overflow-wrap: anywhere;
    }
    .title.done {
      text-decoration: line-through;
      color: var(--mat-sys-on-surface-variant);
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .due {
      white-space: nowrap;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .due.overdue {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .danger {
      color: var(--mat-sys-error);
    }
    .danger mat-icon {
      color: inherit;
    }
    @media (max-width: 600px) {
      :host {
        grid-template-columns: auto minmax(0, 1fr) auto;
      }
      .type {
        display: none;
      }
      .due {
        grid-column: 2;
        grid-row: 2;
      }
      .more {
        grid-column: 3;
        grid-row: 1 / span 2;
      }
    }
  `,
})
export class TaskItem {
  readonly task = input.required<TaskResponse>();
  readonly busy = input(false);
  /** False on the deal's own page, where the link would lead back to it. */
  readonly showDeal = input(true);
  readonly doneChange = output<boolean>();
  readonly edit = output<void>();
  readonly remove = output<void>();
  protected readonly icon = computed(() => TYPE_ICONS[this.task().type] ?? 'task-alt');
  protected readonly typeKey = computed(() => `tasks.types.${this.task().type}` as TranslationKey);
  protected readonly overdue = computed(() => !this.task().done && isOverdue(this.task().dueAt));
}
