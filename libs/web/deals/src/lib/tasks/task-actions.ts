import type { MatDialog } from '@angular/material/dialog';
import type { TaskResponse } from '@crm/shared/contracts';
import type { TasksApi } from '@crm/web/data-access';
import type { I18n } from '@crm/web/i18n';
import { openConfirm, openFormDialog } from '@crm/web/ui';
import { filter, map, type Observable, switchMap } from 'rxjs';
import { TaskFormDialog, type TaskFormDialogData } from './task-form-dialog';

/** Opens the task form on `task`; emits the saved task, or nothing when the dialog is closed unsaved. */
export function editTask(dialog: MatDialog, companyId: string, task: TaskResponse): Observable<TaskResponse> {
  return openFormDialog<TaskFormDialog, TaskFormDialogData, TaskResponse>(dialog, TaskFormDialog, { companyId, task });
}

/** Asks first; emits the deleted task's id once the API has deleted it (errors go to the caller). */
export function deleteTask(
  dialog: MatDialog,
  api: TasksApi,
  i18n: I18n,
  companyId: string,
  task: TaskResponse,
): Observable<string> {
  return openConfirm(dialog, {
    title: i18n.t('tasks.deleteTitle'),
    text: i18n.t('tasks.deleteText', { name: task.title }),
    confirm: i18n.t('tasks.delete'),
    destructive: true,
  }).pipe(
    filter(Boolean),
    switchMap(() => api.remove(companyId, task.id)),
    map(() => task.id),
  );
}
