import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { TaskResponse } from '@crm/shared/contracts';
import { CompanyContext, describeError } from '@crm/web/core';
import { TasksApi } from '@crm/web/data-access';
import { I18n, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { EmptyState, ErrorState, ListSkeleton, openFormDialog, PageHeader, Toasts } from '@crm/web/ui';
import { deleteTask, editTask } from './task-actions';
import { TaskFormDialog, type TaskFormDialogData } from './task-form-dialog';
import { groupTasks } from './task-groups';
import { TaskItem } from './task-item';

/** The most tasks «my tasks» shows at once (the API's page limit). */
const TASKS_PAGE = 200;

/** «My tasks»: overdue first, then today, tomorrow, later; done ones on request; done/undone, edit and delete in place. */
@Component({
  selector: 'crm-tasks-page',
  imports: [
    EmptyState,
    ErrorState,
    ListSkeleton,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatSlideToggleModule,
    PageHeader,
    TaskItem,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header [title]="'tasks.title' | t" [subtitle]="'tasks.subtitle' | t">
      <button pageActions matButton="filled" type="button" data-testid="add-task" (click)="create()">
        <mat-icon svgIcon="add" />{{ 'tasks.add' | t }}
      </button>
    </crm-page-header>
    <mat-slide-toggle
      class="show-done"
      [checked]="showDone()"
      data-testid="show-done"
      (change)="showDone.set($event.checked)"
    >
      {{ 'tasks.showDone' | t }}
    </mat-slide-toggle>

    @if (tasks.isLoading() && !tasks.hasValue()) {
      <crm-list-skeleton [rows]="5" />
    } @else if (loadError(); as message) {
      <crm-error-state [message]="message" (retry)="tasks.reload()" />
    } @else if (groups().length === 0) {
      <mat-card appearance="outlined">
        <crm-empty-state icon="task-alt" [title]="'tasks.emptyTitle' | t" [text]="'tasks.emptyText' | t">
          <button matButton="filled" type="button" (click)="create()">{{ 'tasks.form.createTitle' | t }}</button>
        </crm-empty-state>
      </mat-card>
    } @else {
      @for (group of groups(); track group.key) {
        <section class="group" [attr.aria-labelledby]="'group-' + group.key" [attr.data-group]="group.key">
          <h2 class="group-title" [class.overdue]="group.key === 'overdue'" [id]="'group-' + group.key">
            {{ groupKey(group.key) | t }} <span class="count">{{ group.tasks.length }}</span>
          </h2>
          <mat-card appearance="outlined" class="list">
            @for (task of group.tasks; track task.id) {
              <crm-task-item
                [task]="task"
                [busy]="busy().has(task.id)"
                data-testid="task-row"
                (doneChange)="setDone(task, $event)"
                (edit)="edit(task)"
                (remove)="remove(task)"
              />
            }
          </mat-card>
        </section>
      }
    }
  `,
  styles: `
    .show-done {
      display: block;
      margin-bottom: 16px;
    }
    .group {
      margin-bottom: 20px;
    }
    .group-title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }
    .group-title.overdue {
      color: var(--mat-sys-error);
    }
    .count {
      margin-left: 4px;
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .list {
      overflow: hidden;
    }
    .list crm-task-item:last-child {
      border-bottom: 0;
    }
  `,
})
export class TasksPage {
  private readonly api = inject(TasksApi);
  private readonly context = inject(CompanyContext);
  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  private readonly i18n = inject(I18n);

  protected readonly showDone = signal(false);
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly tasks = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      const me = this.context.me()?.id;
      return companyId && me ? { companyId, me, showDone: this.showDone() } : undefined;
    },
    stream: ({ params }) =>
      this.api.list(params.companyId, {
        assigneeId: params.me,
        done: params.showDone ? undefined : false,
        page: 1,
        pageSize: TASKS_PAGE,
      }),
  });
  protected readonly groups = computed(() => groupTasks(this.tasks.hasValue() ? this.tasks.value().items : []));
  protected readonly loadError = computed(() =>
    this.tasks.error() ? describeError(this.tasks.error(), this.i18n) : null,
  );

  protected groupKey(key: string): TranslationKey {
    return `tasks.groups.${key}` as TranslationKey;
  }

  protected setDone(task: TaskResponse, done: boolean): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    this.busy.update((ids) => new Set([...ids, task.id]));
    this.api.update(companyId, task.id, { done }).subscribe({
      next: (saved) => {
        this.busy.update((ids) => new Set([...ids].filter((id) => id !== task.id)));
        this.tasks.update((page) => page && { ...page, items: page.items.map((t) => (t.id === saved.id ? saved : t)) });
        this.toasts.said(this.i18n.t(done ? 'tasks.doneSaved' : 'tasks.undoneSaved'), 2500);
      },
      error: (error: unknown) => {
        this.busy.update((ids) => new Set([...ids].filter((id) => id !== task.id)));
        this.tasks.reload();
        this.toasts.failed(error);
      },
    });
  }

  protected create(): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    openFormDialog<TaskFormDialog, TaskFormDialogData, TaskResponse>(this.dialog, TaskFormDialog, {
      companyId,
    }).subscribe(() => this.tasks.reload());
  }

  /** A changed task may leave «my tasks» (another assignee) or move to another group: reload. */
  protected edit(task: TaskResponse): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    editTask(this.dialog, companyId, task).subscribe(() => this.tasks.reload());
  }

  protected remove(task: TaskResponse): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    deleteTask(this.dialog, this.api, this.i18n, companyId, task).subscribe({
      next: (id) => {
        this.tasks.update((page) => page && { ...page, items: page.items.filter((t) => t.id !== id) });
        this.toasts.said(this.i18n.t('tasks.deleted'));
      },
      error: (error: unknown) => this.toasts.failed(error),
    });
  }
}
