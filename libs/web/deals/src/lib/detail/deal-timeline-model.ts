import type {
  DealStageChangeResponse,
  InteractionResponse,
  InteractionType,
  NoteResponse,
  TaskResponse,
} from '@crm/shared/contracts';

/** One line of a deal's timeline; `at` is when it happened (or, for an open task, is due). */
export type TimelineEntry =
  | { kind: 'stage'; key: string; at: string; from: string | null; to: string; who: string | null }
  | { kind: 'note'; key: string; at: string; text: string; who: string | null }
  | { kind: 'interaction'; key: string; at: string; type: InteractionType; summary: string; who: string | null }
  | { kind: 'task'; key: string; at: string; task: TaskResponse; state: 'done' | 'planned' | 'overdue' };

export interface TimelineSources {
  changes: readonly DealStageChangeResponse[];
  notes: readonly NoteResponse[];
  interactions: readonly InteractionResponse[];
  tasks: readonly TaskResponse[];
  /** Stage names by id; a stage not found shows as an en dash. */
  stageNames: ReadonlyMap<string, string>;
  /** Member logins by user id (stage changes name their user by id only). */
  logins: ReadonlyMap<string, string>;
  now: number;
}

/** Among entries of the same moment, the order they are read in (a move before what it led to). */
const RANK: Record<TimelineEntry['kind'], number> = { task: 0, interaction: 1, note: 2, stage: 3 };

/**
 * Stage changes, notes, interactions and tasks of a deal in one list, newest first. A done task
 * stands where it was done; an open one where it is due (an overdue one marked so), so planned
 * steps lead the list and what happened follows.
 */
export function mergeTimeline(sources: TimelineSources): TimelineEntry[] {
  const stage = (id: string) => sources.stageNames.get(id) ?? '–';
  const entries: TimelineEntry[] = [
    ...sources.changes.map((c, i): TimelineEntry => ({
      kind: 'stage',
      key: `stage-${i}-${c.at}`,
      at: c.at,
      from: c.fromStageId ? stage(c.fromStageId) : null,
      to: stage(c.toStageId),
      who: c.userId ? (sources.logins.get(c.userId) ?? null) : null,
    })),
    ...sources.notes.map((n): TimelineEntry => ({
      kind: 'note',
      key: `note-${n.id}`,
      at: n.createdAt,
      text: n.text,
      who: n.author?.login ?? null,
    })),
    ...sources.interactions.map((i): TimelineEntry => ({
      kind: 'interaction',
      key: `interaction-${i.id}`,
      at: i.occurredAt,
      type: i.type,
      summary: i.summary,
      who: i.author?.login ?? null,
    })),
    ...sources.tasks.map((t): TimelineEntry => {
      const at = t.done && t.doneAt ? t.doneAt : t.dueAt;
      const state = t.done ? 'done' : Date.parse(t.dueAt) < sources.now ? 'overdue' : 'planned';
      return { kind: 'task', key: `task-${t.id}`, at, task: t, state };
    }),
  ];
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || RANK[a.kind] - RANK[b.kind]);
}
