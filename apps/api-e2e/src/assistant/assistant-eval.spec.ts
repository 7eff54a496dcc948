import { api } from '../support/client';
import { type ChatBody, evaluationSet } from './expected';
import { evalContext } from './eval-context';
import { seedCompany } from './seed';

/**
 * The offline evaluation: every question of the set through `POST assistant/chat` with no model
 * configured; at least 95% must be answered correctly (right tool, right arguments, the expected
 * figures in the answer, formatted for the question's language).
 */
describe('assistant evaluation set, offline planner', () => {
  it('answers at least 95% of the questions correctly, in Russian and English', async () => {
    const s = await seedCompany();
    const ctx = await evalContext(s);
    const cases = evaluationSet(ctx);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => /[а-яё]/i.test(c.q)).length).toBeGreaterThanOrEqual(25);
    const failures: string[] = [];
    for (const c of cases) {
      const res = await api().post(s.url('assistant/chat')).set(s.owner.auth).send({ message: c.q });
      if (res.status !== 200) {
        failures.push(`${c.q}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
        continue;
      }
      const body = res.body as ChatBody;
      expect(body.mode).toBe('offline');
      const problem = c.check(body);
      if (problem) failures.push(`${c.q}: ${problem}`);
    }
    const score = (cases.length - failures.length) / cases.length;
    console.log(
      `offline evaluation: ${cases.length - failures.length}/${cases.length} (${(score * 100).toFixed(1)}%)\n${failures.join('\n')}`,
    );
    expect(score).toBeGreaterThanOrEqual(0.95);
  }, 600_000);
});
