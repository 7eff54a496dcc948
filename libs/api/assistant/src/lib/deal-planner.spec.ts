import { dueInstant } from './deal-tools';
import { formatDays } from './format';
import { dealAsk, namedClient, taskAsk } from './deal-planner';
import { nextCalls, understand } from './planner';

const TODAY = '2026-12-02';
const intent = (q: string) => understand(q, TODAY).intent;

describe('offline planner: deal questions', () => {
  it.each([
    ['Какие сделки зависли?', 'stuck'],
    ['Which deals are stuck?', 'stuck'],
    ['Какие сделки застряли на этапе?', 'stuck'],
    ['Show stalled deals', 'stuck'],
    ['Сводка по воронке', 'pipeline'],
    ['Pipeline summary', 'pipeline'],
    ['Какая взвешенная сумма воронки?', 'pipeline'],
    ['What is our win rate?', 'pipeline'],
    ['Открытые сделки клиента Борис Иванов', 'deals'],
    ['Show open deals of John Carter', 'deals'],
    ['Поставь задачу позвонить клиенту Борис Иванов завтра', 'task'],
    ['Create a task to call John Carter tomorrow', 'task'],
    // The sales questions keep their intents.
    ['Какие клиенты под риском ухода?', 'at_risk'],
    ['Сделай отчёт по продажам за 2025', 'report'],
    ['Топ-5 клиентов за 2024 год', 'top_clients'],
  ])('%s → %s', (q, expected) => expect(intent(q)).toBe(expected));

  it('reads find_deals filters: status, client, amount, close window, owner, stage', () => {
    expect(dealAsk('Открытые сделки клиента Борис Иванов', TODAY)).toEqual({ status: 'open', client: 'Борис Иванов' });
    expect(dealAsk('Show open deals of John Carter', TODAY)).toEqual({ status: 'open', client: 'John Carter' });
    expect(dealAsk('Сделки больше 50 000 ₽, которые закрываются в этом месяце', TODAY)).toEqual({
      amountMin: 50000,
      expectedFrom: '2026-12-01',
      expectedTo: '2026-12-31',
    });
    expect(dealAsk('my deals over 10k closing this month', TODAY)).toEqual({
      owner: 'me',
      amountMin: 10000,
      expectedFrom: '2026-12-01',
      expectedTo: '2026-12-31',
    });
    expect(dealAsk('Сделки на этапе «Переговоры»', TODAY)).toEqual({ stage: 'Переговоры' });
    expect(dealAsk('Deals under 5000', TODAY)).toEqual({ amountMax: 5000 });
  });

  it('reads a task: kind, title, due day and time, client', () => {
    expect(taskAsk('Поставь задачу позвонить клиенту Борис Иванов завтра', TODAY, 'ru')).toEqual({
      title: 'Позвонить клиенту Борис Иванов',
      type: 'call',
      due: '2026-12-03',
      client: 'Борис Иванов',
    });
    expect(taskAsk('Create a task to call John Carter tomorrow at 3pm', TODAY, 'en')).toEqual({
      title: 'Call John Carter',
      type: 'call',
      due: '2026-12-03T15:00',
      client: 'John Carter',
    });
    expect(taskAsk('Напомни мне написать письмо Mary Lee послезавтра в 9:30', TODAY, 'ru')).toMatchObject({
      type: 'email',
      due: '2026-12-04T09:30',
      client: 'Mary Lee',
    });
    expect(taskAsk('Поставь задачу подготовить договор через 3 дня', TODAY, 'ru')).toEqual({
      title: 'Подготовить договор',
      type: 'todo',
      due: '2026-12-05',
    });
  });

  it('finds the client before proposing the task, then proposes it with the client id', () => {
    const u = understand('Поставь задачу позвонить клиенту Борис Иванов завтра', TODAY);
    expect(nextCalls(u, [])).toEqual([{ name: 'find_clients', args: { query: 'Борис Иванов', limit: 3 } }]);
    const found = { name: 'find_clients', args: {}, outcome: 'ok' as const, data: { items: [{ clientId: 'c-1' }] } };
    expect(nextCalls(u, [found])).toEqual([
      {
        name: 'propose_task',
        args: { title: 'Позвонить клиенту Борис Иванов', type: 'call', due: '2026-12-03', clientId: 'c-1' },
      },
    ]);
    const none = { ...found, data: { items: [] } };
    expect(nextCalls(u, [none])).toBeNull();
  });

  it('names no client where the question names none', () => {
    expect(namedClient('Which deals are stuck?')).toBeUndefined();
    expect(namedClient('Сделки в декабре')).toBeUndefined();
    expect(namedClient('Deals closing in December')).toBeUndefined();
  });

  it('writes stays in days, hours, or under an hour', () => {
    expect(formatDays(12.5, 'ru')).toBe('12,5 дн.');
    expect(formatDays(0.5, 'en')).toBe('12 h');
    expect(formatDays(0.001, 'ru')).toBe('< 1 ч');
  });

  it('turns a local due time in the company time zone into an instant', () => {
    expect(dueInstant('2026-12-03', 'Europe/Moscow')).toBe('2026-12-03T07:00:00.000Z');
    expect(dueInstant('2026-12-03T15:30', 'UTC')).toBe('2026-12-03T15:30:00.000Z');
    expect(dueInstant('2026-07-01T10:00', 'Europe/Berlin')).toBe('2026-07-01T08:00:00.000Z');
    expect(dueInstant('2026-12-03T15:30:00+03:00', 'UTC')).toBe('2026-12-03T12:30:00.000Z');
  });
});
