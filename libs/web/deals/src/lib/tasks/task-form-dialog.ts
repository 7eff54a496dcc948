import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { TaskResponse, TaskType } from '@crm/shared/contracts';
import { CompanyContext } from '@crm/web/core';
import { dueMoment } from '@crm/web/deal-form';
import { TasksApi } from '@crm/web/data-access';
import { TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { DateField, DialogSave, DialogScaffold, MemberSelect, OptionSelect, TextField } from '@crm/web/ui';

export interface TaskFormDialogData {
  companyId: string;
  /** The deal (and its client) the task is about, if any. */
  dealId?: string | null;
  clientId?: string | null;
  /** The task to change; a new one when absent. */
  task?: TaskResponse | null;
}

/** A task's due moment as the form's day and `HH:mm` time, both local. */
export function dueParts(dueAt: string): { day: Date; time: string } {
  const due = new Date(dueAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day: new Date(due.getFullYear(), due.getMonth(), due.getDate()),
    time: `${pad(due.getHours())}:${pad(due.getMinutes())}`,
  };
}

const TYPES: TaskType[] = ['call', 'meeting', 'email', 'todo'];

/** A new task, or a change of one: what, which kind (call, meeting, e-mail, to-do), when and who. */
@Component({
  selector: 'crm-task-form-dialog',
  imports: [DateField, DialogScaffold, MemberSelect, OptionSelect, ReactiveFormsModule, TextField, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <crm-dialog-scaffold
        [title]="(editing ? 'tasks.form.editTitle' : 'tasks.form.createTitle') | t"
        [save]="save"
        saveTestId="task-save"
        columnWidth="160px"
      >
        <crm-text-field
          testId="task-title"
          [control]="form.controls.title"
          [wide]="true"
          [focusInitial]="true"
          [label]="'tasks.form.title' | t"
          [error]="'tasks.form.titleRequired' | t"
        />
        <crm-option-select
          testId="task-type"
          [control]="form.controls.type"
          [options]="types"
          [optionKey]="typeKey"
          [label]="'tasks.form.type' | t"
        />
        <crm-member-select
          testId="task-assignee"
          [control]="form.controls.assigneeId"
          [companyId]="data.companyId"
          [label]="'tasks.form.assignee' | t"
        />
        <crm-date-field
          testId="task-due"
          [control]="form.controls.day"
          [required]="true"
          [label]="'tasks.form.dueAt' | t"
          [error]="'tasks.form.dueRequired' | t"
        />
        <crm-text-field
          testId="task-time"
          type="time"
          [control]="form.controls.time"
          [label]="'tasks.form.dueTime' | t"
        />
      </crm-dialog-scaffold>
    </form>
  `,
})
export class TaskFormDialog {
  protected readonly data = inject<TaskFormDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(TasksApi);
  private readonly context = inject(CompanyContext);

  protected readonly types = TYPES;
  protected readonly editing = !!this.data.task;
  private readonly due = this.data.task ? dueParts(this.data.task.dueAt) : { day: new Date(), time: '10:00' };
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: [this.data.task?.title ?? '', [Validators.required, Validators.maxLength(500), Validators.pattern(/\S/)]],
    type: [this.data.task?.type ?? ('call' as TaskType)],
    assigneeId: [this.data.task ? (this.data.task.assigneeId ?? '') : (this.context.me()?.id ?? '')],
    day: inject(NonNullableFormBuilder).control<Date | null>(this.due.day, [Validators.required]),
    time: [this.due.time],
  });
  protected readonly save = new DialogSave<TaskResponse>();

  protected readonly typeKey = (type: TaskType): TranslationKey => `tasks.types.${type}` as TranslationKey;

  protected submit(): void {
    if (!this.save.ready(this.form)) return;
    const raw = this.form.getRawValue();
    const fields = {
      title: raw.title.trim(),
      type: raw.type,
      dueAt: dueMoment(raw.day, raw.time) as string,
      ...(raw.assigneeId ? { assigneeId: raw.assigneeId } : {}),
    };
    const task = this.data.task;
    const request = task
      ? this.api.update(this.data.companyId, task.id, fields)
      : this.api.create(this.data.companyId, {
          ...fields,
          ...(this.data.dealId ? { dealId: this.data.dealId } : {}),
          ...(this.data.clientId ? { clientId: this.data.clientId } : {}),
        });
    this.save.run(request, task ? 'tasks.form.saved' : 'tasks.form.created');
  }
}
