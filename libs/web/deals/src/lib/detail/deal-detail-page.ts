import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import type {
  DealResponse,
  InteractionResponse,
  NoteResponse,
  StageResponse,
  TaskResponse,
} from '@crm/shared/contracts';
import { CompanyContext, companyKey, companyMembers, keyedResource, loadErrorText } from '@crm/web/core';
import {
  DealFormDialog,
  type DealFormDialogData,
  DealStatusChip,
  InteractionDialog,
  type InteractionDialogData,
} from '@crm/web/deal-form';
import { DealsApi, PipelinesApi, TasksApi } from '@crm/web/data-access';
import { I18n, LocalDatePipe, LocalDateTimePipe, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { ErrorState, ListSkeleton, openConfirm, openFormDialog, Toasts } from '@crm/web/ui';
import { EMPTY, filter, type Observable, switchMap } from 'rxjs';
import { askMove } from '../dialogs/move-flow';
import { deleteTask, editTask } from '../tasks/task-actions';
import { TaskFormDialog, type TaskFormDialogData } from '../tasks/task-form-dialog';
import { isOverdue } from '../tasks/task-groups';
import { TaskItem } from '../tasks/task-item';
import { DealStepper } from './deal-stepper';
import { DealTimeline } from './deal-timeline';
import { mergeTimeline } from './deal-timeline-model';

/**
 * A deal: amount, stage stepper, owner and close date; win/lose; tasks; one timeline of stage
 * changes, notes, interactions and tasks (with a note box and a contact dialog); links to client and sale.
 */
@Component({
  selector: 'crm-deal-detail-page',
  imports: [
    DealStatusChip,
    DealStepper,
    DealTimeline,
    ErrorState,
    ListSkeleton,
    LocalDatePipe,
    LocalDateTimePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MoneyPipe,
    RouterLink,
    TaskItem,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deal-detail-page.html',
  styleUrl: './deal-detail-page.scss',
})
export class DealDetailPage {
  private readonly api = inject(DealsApi);
  private readonly tasksApi = inject(TasksApi);
  private readonly pipelinesApi = inject(PipelinesApi);
  private readonly context = inject(CompanyContext);
  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  /** From the route (`:dealId`). */
  readonly dealId = input.required<string>();

  private readonly key = companyKey(() => ({ dealId: this.dealId() }));
  protected readonly deal = keyedResource(this.key, (key) => this.api.get(key.companyId, key.dealId));
  protected readonly history = keyedResource(this.key, (key) => this.api.history(key.companyId, key.dealId));
  protected readonly tasks = keyedResource(this.key, (key) =>
    this.tasksApi.list(key.companyId, { dealId: key.dealId, page: 1, pageSize: 100 }),
  );
  protected readonly notes = keyedResource(this.key, (key) => this.api.notes(key.companyId, key.dealId));
  protected readonly interactions = keyedResource(this.key, (key) => this.api.interactions(key.companyId, key.dealId));
  protected readonly pipelines = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.pipelinesApi.list(params),
  });
  private readonly members = companyMembers();

  protected readonly current = computed(() => (this.deal.hasValue() ? this.deal.value() : null));
  protected readonly loadError = loadErrorText(this.deal, 'deals.detail.notFound');
  protected readonly stages = computed<StageResponse[]>(() => {
    const deal = this.current();
    const pipelines = this.pipelines.hasValue() ? this.pipelines.value() : [];
    return pipelines.find((p) => p.id === deal?.pipelineId)?.stages ?? [];
  });
  private readonly stageNames = computed(() => new Map(this.stages().map((s) => [s.id, s.name])));
  private readonly logins = computed(() => new Map(this.members().map((m) => [m.userId, m.login])));
  protected readonly taskList = computed(() => (this.tasks.hasValue() ? this.tasks.value().items : []));
  /** Stage changes, notes, interactions and tasks, newest first. */
  protected readonly timeline = computed(() =>
    mergeTimeline({
      changes: this.history.hasValue() ? this.history.value() : [],
      notes: this.notes.hasValue() ? this.notes.value() : [],
      interactions: this.interactions.hasValue() ? this.interactions.value() : [],
      tasks: this.taskList(),
      stageNames: this.stageNames(),
      logins: this.logins(),
      now: Date.now(),
    }),
  );
  protected readonly timelineLoading = computed(
    () =>
      (this.history.isLoading() && !this.history.hasValue()) ||
      (this.notes.isLoading() && !this.notes.hasValue()) ||
      (this.interactions.isLoading() && !this.interactions.hasValue()) ||
      (this.pipelines.isLoading() && !this.stages().length),
  );
  protected readonly timelineFailed = computed(
    () => !!(this.history.error() || this.notes.error() || this.interactions.error()),
  );
  protected readonly moving = signal(false);
  protected readonly busyTasks = signal<ReadonlySet<string>>(new Set());

  protected nextStepOverdue(deal: DealResponse): boolean {
    return deal.status === 'open' && isOverdue(deal.nextStep?.dueAt);
  }

  protected stageOfKind(kind: 'won' | 'lost'): StageResponse | null {
    return this.stages().find((stage) => stage.kind === kind) ?? null;
  }

  /** Back to work: the last open stage the deal was in, or the first. */
  protected reopenStage(): StageResponse | null {
    const open = this.stages().filter((stage) => stage.kind === 'open');
    const history = this.history.hasValue() ? this.history.value() : [];
    const lastOpen = [...history].reverse().find((change) => open.some((s) => s.id === change.toStageId));
    return open.find((s) => s.id === lastOpen?.toStageId) ?? open[0] ?? null;
  }

  protected move(stage: StageResponse | null): void {
    const deal = this.current();
    const key = this.key();
    if (!deal || !key || !stage || this.moving()) return;
    askMove(this.dialog, deal, stage)
      .pipe(
        switchMap((body) => {
          if (!body) return EMPTY;
          this.moving.set(true);
          return this.api.move(key.companyId, deal.id, body);
        }),
      )
      .subscribe({
        next: (moved) => {
          this.moving.set(false);
          this.deal.set(moved);
          this.history.reload();
          this.toasts.said(this.i18n.t('deals.moved', { stage: stage.name }));
        },
        error: (error: unknown) => {
          this.moving.set(false);
          this.toasts.failedTo('deals.moveFailed', error);
        },
      });
  }

  protected edit(deal: DealResponse): void {
    const key = this.key();
    if (!key) return;
    openFormDialog<DealFormDialog, DealFormDialogData, DealResponse>(
      this.dialog,
      DealFormDialog,
      { companyId: key.companyId, clientId: deal.clientId, deal },
      '640px',
    ).subscribe((saved) => this.deal.set(saved));
  }

  protected remove(deal: DealResponse): void {
    const key = this.key();
    if (!key) return;
    openConfirm(this.dialog, {
      title: this.i18n.t('deals.detail.deleteTitle'),
      text: `${deal.title}. ${this.i18n.t('deals.detail.deleteText')}`,
      confirm: this.i18n.t('deals.detail.delete'),
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.remove(key.companyId, deal.id)),
      )
      .subscribe({
        next: () => {
          this.toasts.said(this.i18n.t('deals.detail.deleted'));
          void this.router.navigate(['/deals']);
        },
        error: (error: unknown) => this.toasts.failed(error),
      });
  }

  protected addTask(deal: DealResponse): void {
    const key = this.key();
    if (!key) return;
    openFormDialog<TaskFormDialog, TaskFormDialogData, TaskResponse>(this.dialog, TaskFormDialog, {
      companyId: key.companyId,
      dealId: deal.id,
      clientId: deal.clientId,
    }).subscribe(() => this.tasks.reload());
  }

  protected setDone(task: TaskResponse, done: boolean): void {
    const key = this.key();
    if (!key) return;
    this.busyTasks.update((ids) => new Set([...ids, task.id]));
    const release = () => this.busyTasks.update((ids) => new Set([...ids].filter((id) => id !== task.id)));
    this.tasksApi.update(key.companyId, task.id, { done }).subscribe({
      next: (saved) => {
        release();
        this.tasks.update((page) => page && { ...page, items: page.items.map((t) => (t.id === saved.id ? saved : t)) });
      },
      error: (error: unknown) => {
        release();
        this.toasts.failed(error);
      },
    });
  }

  protected editTask(task: TaskResponse): void {
    const key = this.key();
    if (!key) return;
    editTask(this.dialog, key.companyId, task).subscribe((saved) =>
      this.tasks.update((page) => page && { ...page, items: page.items.map((t) => (t.id === saved.id ? saved : t)) }),
    );
  }

  protected removeTask(task: TaskResponse): void {
    const key = this.key();
    if (!key) return;
    deleteTask(this.dialog, this.tasksApi, this.i18n, key.companyId, task).subscribe({
      next: (id) => {
        this.tasks.update((page) => page && { ...page, items: page.items.filter((t) => t.id !== id) });
        this.toasts.said(this.i18n.t('tasks.deleted'));
      },
      error: (error: unknown) => this.toasts.failed(error),
    });
  }

  protected retryTimeline(): void {
    if (this.history.error()) this.history.reload();
    if (this.notes.error()) this.notes.reload();
    if (this.interactions.error()) this.interactions.reload();
  }

  protected readonly sendNote = (text: string): Observable<NoteResponse> => {
    const key = this.key();
    return key ? this.api.addNote(key.companyId, key.dealId, { text }) : EMPTY;
  };

  protected noteAdded(note: NoteResponse): void {
    this.notes.update((notes) => [note, ...(notes ?? [])]);
  }

  protected addInteraction(deal: DealResponse): void {
    const key = this.key();
    if (!key) return;
    openFormDialog<InteractionDialog, InteractionDialogData, InteractionResponse>(this.dialog, InteractionDialog, {
      companyId: key.companyId,
      clientId: deal.clientId,
      dealId: deal.id,
    }).subscribe(() => {
      this.toasts.said(this.i18n.t('clients.interaction.added'));
      this.interactions.reload();
    });
  }
}
