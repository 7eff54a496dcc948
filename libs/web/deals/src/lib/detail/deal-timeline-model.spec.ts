import type { InteractionResponse, NoteResponse, TaskResponse } from '@crm/shared/contracts';
import { mergeTimeline } from './deal-timeline-model';

const author = { id: 'u1', login: 'anna' };
const note = (id: string, createdAt: string): NoteResponse => ({
  id,
  clientId: 'c1',
  dealId: 'd1',
  dealTitle: 'Сделка',
  text: `заметка ${id}`,
  author,
  createdAt,
});
const call = (id: string, occurredAt: string): InteractionResponse => ({
  id,
  clientId: 'c1',
  dealId: 'd1',
  dealTitle: 'Сделка',
  type: 'call',
  occurredAt,
  summary: `звонок ${id}`,
  author: null,
  createdAt: '2026-12-01T00:00:00.000Z',
});
const task = (id: string, dueAt: string, doneAt: string | null = null): TaskResponse => ({
  id,
  title: `задача ${id}`,
  type: 'call',
  dueAt,
  overdue: false,
  assigneeId: null,
  assigneeName: null,
  dealId: 'd1',
  dealTitle: 'Сделка',
  clientId: 'c1',
  clientName: 'Клиент',
  done: doneAt !== null,
  doneAt,
  createdBy: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('mergeTimeline', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const merged = mergeTimeline({
    changes: [
      { fromStageId: null, toStageId: 's1', userId: 'u1', at: '2026-11-01T09:00:00.000Z' },
      { fromStageId: 's1', toStageId: 's2', userId: 'gone', at: '2026-11-20T09:00:00.000Z' },
    ],
    notes: [note('n1', '2026-11-20T09:00:00.000Z')],
    interactions: [call('i1', '2026-11-10T09:00:00.000Z')],
    tasks: [
      task('planned', '2026-12-05T09:00:00.000Z'),
      task('late', '2026-12-01T09:00:00.000Z'),
      task('done', '2026-11-02T09:00:00.000Z', '2026-11-15T09:00:00.000Z'),
    ],
    stageNames: new Map([['s1', 'Новая']]),
    logins: new Map([['u1', 'anna']]),
    now,
  });

  it('puts everything in one list, newest first; a done task where it was done, an open one where it is due', () => {
    expect(merged.map((e) => e.key)).toEqual([
      'task-planned',
      'task-late',
      'note-n1',
      'stage-1-2026-11-20T09:00:00.000Z',
      'task-done',
      'interaction-i1',
      'stage-0-2026-11-01T09:00:00.000Z',
    ]);
  });

  it('marks overdue and done tasks, names stages and users, and dashes what it cannot name', () => {
    expect(merged.filter((e) => e.kind === 'task').map((e) => e.kind === 'task' && e.state)).toEqual([
      'planned',
      'overdue',
      'done',
    ]);
    expect(merged.find((e) => e.key.startsWith('stage-1'))).toMatchObject({ from: 'Новая', to: '–', who: null });
    expect(merged.find((e) => e.key.startsWith('stage-0'))).toMatchObject({ from: null, to: 'Новая', who: 'anna' });
    expect(merged.find((e) => e.kind === 'note')).toMatchObject({ text: 'заметка n1', who: 'anna' });
  });
});
