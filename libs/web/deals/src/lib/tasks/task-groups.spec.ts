import { groupTasks, isOverdue, taskGroup } from './task-groups';

describe('task groups by due date', () => {
  // 2 December 2026, 10:00 local time.
  const now = new Date(2026, 11, 2, 10, 0);
  const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 0).toISOString();

  it('puts a task whose moment passed today among the overdue, a later one today under today', () => {
    expect(taskGroup({ dueAt: at(2, 9), done: false }, now)).toBe('overdue');
    expect(taskGroup({ dueAt: at(2, 18), done: false }, now)).toBe('today');
    expect(taskGroup({ dueAt: at(3, 0), done: false }, now)).toBe('tomorrow');
    expect(taskGroup({ dueAt: at(3, 23), done: false }, now)).toBe('tomorrow');
    expect(taskGroup({ dueAt: at(4, 0), done: false }, now)).toBe('later');
    expect(taskGroup({ dueAt: at(1, 9), done: true }, now)).toBe('done');
  });

  it('lists overdue first (oldest first), then today, tomorrow, later and done last, without empty groups', () => {
    const tasks = [
      { id: 'later', dueAt: at(9, 12), done: false },
      { id: 'done-old', dueAt: at(1, 12), done: true },
      { id: 'today', dueAt: at(2, 15), done: false },
      { id: 'overdue-new', dueAt: at(1, 12), done: false },
      { id: 'overdue-old', dueAt: new Date(2026, 10, 20, 12).toISOString(), done: false },
      { id: 'done-new', dueAt: at(2, 8), done: true },
    ];
    const groups = groupTasks(tasks, now);
    expect(groups.map((g) => [g.key, g.tasks.map((t) => t.id)])).toEqual([
      ['overdue', ['overdue-old', 'overdue-new']],
      ['today', ['today']],
      ['later', ['later']],
      ['done', ['done-new', 'done-old']],
    ]);
  });

  it('marks a next step overdue only once its moment has passed', () => {
    expect(isOverdue(at(2, 9), now)).toBe(true);
    expect(isOverdue(at(2, 11), now)).toBe(false);
    expect(isOverdue(null, now)).toBe(false);
  });
});
