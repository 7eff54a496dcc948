/** Where a task goes on «my tasks»: overdue ones first, then by day, done ones last. */
export type TaskGroupKey = 'overdue' | 'today' | 'tomorrow' | 'later' | 'done';

export const TASK_GROUP_ORDER: readonly TaskGroupKey[] = ['overdue', 'today', 'tomorrow', 'later', 'done'];

export interface TaskGroup<T> {
  key: TaskGroupKey;
  tasks: T[];
}

interface Dated {
  dueAt: string;
  done: boolean;
}

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());

/**
 * The group of one task by its due moment in the user's local day: a task due earlier today but
 * later than now is `today`, one whose moment has passed is `overdue`.
 */
export function taskGroup(task: Dated, now: Date): TaskGroupKey {
  if (task.done) return 'done';
  const due = new Date(task.dueAt);
  if (due.getTime() < now.getTime()) return 'overdue';
  const today = startOfDay(now);
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  const afterTomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 2);
  if (due < tomorrow) return 'today';
  if (due < afterTomorrow) return 'tomorrow';
  return 'later';
}

/** True when an open task's moment has passed. */
export function isOverdue(dueAt: string | null | undefined, now: Date = new Date()): boolean {
  return !!dueAt && new Date(dueAt).getTime() < now.getTime();
}

/**
 * Tasks in groups (empty groups left out), each sorted by due moment: the oldest overdue first,
 * done ones most recent first.
 */
export function groupTasks<T extends Dated>(tasks: readonly T[], now: Date = new Date()): TaskGroup<T>[] {
  const groups = new Map<TaskGroupKey, T[]>(TASK_GROUP_ORDER.map((key) => [key, []]));
  for (const task of tasks) groups.get(taskGroup(task, now))?.push(task);
  return TASK_GROUP_ORDER.map((key) => {
    const sorted = [...(groups.get(key) ?? [])].sort(
      (a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime(),
    );
    return { key, tasks: key === 'done' ? sorted.reverse() : sorted };
  }).filter((group) => group.tasks.length > 0);
}
