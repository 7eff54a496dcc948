export const TASK_TYPES = ['call', 'meeting', 'email', 'todo'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** `?due=`: overdue (undone, due before now), due today, or due within the current week (Monday–Sunday), in the company's time zone. */
export const TASK_DUE_FILTERS = ['overdue', 'today', 'week'] as const;
export type TaskDueFilter = (typeof TASK_DUE_FILTERS)[number];
