import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The tenancy lint rule (`tenantScope` in the root `eslint.config.mjs`, ADR 0001): no bare company id below the
 * guards. ESLint's configs are ES modules, which jest's CommonJS runtime cannot import, so a child
 * `node` runs ESLint's own API and answers in JSON: the messages of each snippet linted with the
 * rule's block, and each API project's resolved rule.
 */
const root = resolve(__dirname, '../../../../../..');

const CHILD = `
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { tenantScope } from './eslint.config.mjs';

const [snippets, projects] = JSON.parse(process.argv[1]);
const linter = new Linter({ configType: 'flat' });
const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, tenantScope];
const messages = {};
for (const [name, { code, filename }] of Object.entries(snippets)) {
  messages[name] = linter.verify(code, config, { filename }).map((m) => ({ ruleId: m.ruleId, line: m.line, message: m.message }));
}
const rules = {};
for (const project of projects) {
  const config = await new ESLint({ cwd: project }).calculateConfigForFile('src/index.ts');
  rules[project] = config.rules['no-restricted-syntax'];
}
process.stdout.write(JSON.stringify({ messages, rules, expected: tenantScope.rules['no-restricted-syntax'] }));
`;

const notOk: Record<string, string> = {
  'a function parameter': `export async function findDeal(m: unknown, companyId: string, id: string) { return [m, companyId, id]; }`,
  'a method parameter': `export class Store { private today(companyId: string): string { return companyId; } }`,
  'an arrow function parameter': `export const lockName = (companyId: string) => \`crm.company-writes:\${companyId}\`;`,
  'a snake_case parameter': `export function feed(company_id: string) { return company_id; }`,
  'an optional parameter': `export function route(companyId?: string) { return companyId; }`,
  'a nullable parameter': `export function route(companyId: string | null) { return companyId; }`,
  'a parameter with a default': `export function route(companyId: string = '') { return companyId; }`,
  'a constructor parameter property': `export class Job { constructor(private readonly companyId: string) {} }`,
  'an interface method': `export interface Folder { fold(companyId: string): Promise<number>; }`,
  'a function type': `export type Fold = (companyId: string) => Promise<number>;`,
  'an overload': `export function fold(companyId: string): number;\nexport function fold(x: unknown): number { return Number(x); }`,
  'an inline object parameter': `export function owned(company: { companyId: string; timeZone: string }) { return company; }`,
  'a destructured parameter': `export function owned({ companyId }: { companyId: string }) { return companyId; }`,
  'a scope written inline': `import type { CompanyScope } from '@crm/api/core';\nexport function run(id: string) { const scope: CompanyScope = { companyId: id }; return scope; }`,
  'a scope cast from a literal': `import type { CompanyScope } from '@crm/api/core';\nexport const scope = (id: string) => ({ companyId: id }) as CompanyScope;`,
};

const ok: Record<string, string> = {
  'a scope parameter': `import type { CompanyScope } from '@crm/api/core';\nexport function findDeal(m: unknown, scope: CompanyScope, id: string) { return [m, scope.companyId, id]; }`,
  'a row shape': `export interface ImportJob { companyId: string; userId: string | null }`,
  'a job payload type': `export type GenerateJob = { companyId: string; reportId: string };`,
  'a row cast': `export const rows = (x: unknown) => x as { companyId: string; role: string }[];`,
  'another id': `export function findClient(clientId: string, id: string) { return [clientId, id]; }`,
  'a companyId that is not a string': `export function count(companyId: number) { return companyId; }`,
  'a named boundary function over a payload type': `import type { CompanyScope } from '@crm/api/core';\ninterface Job { companyId: string; userId: string }\nexport const scopeOfJob = (job: Job): CompanyScope => ({ companyId: job.companyId, userId: job.userId });`,
};

function snippets(cases: Record<string, string>, filename = 'libs/api/x/src/lib/x.ts') {
  return Object.fromEntries(Object.entries(cases).map(([name, code]) => [name, { code, filename }]));
}

const apiProjects = readdirSync(join(root, 'libs/api'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(root, 'libs/api', d.name));
const webProject = join(root, 'libs/web/clients');

type Answer = {
  messages: Record<string, { ruleId: string | null; line: number; message: string }[]>;
  rules: Record<string, unknown>;
  expected: unknown[];
};

let answer: Answer;

beforeAll(() => {
  const input = [
    {
      ...snippets(notOk),
      ...snippets(ok),
      'a bad spec': { code: notOk['a function parameter'], filename: 'libs/api/x/src/lib/x.spec.ts' },
      'a web HTTP client': { code: notOk['a method parameter'], filename: 'libs/web/x/src/lib/x.ts' },
    },
    [...apiProjects, webProject],
  ];
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, JSON.stringify(input)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  answer = JSON.parse(out) as Answer;
}, 120_000);

describe('tenant-scope lint rule', () => {
  it.each(Object.keys(notOk))('refuses %s, pointing to ADR 0001', (name) => {
    const messages = answer.messages[name];
    expect(messages).toHaveLength(1);
    expect(messages[0].ruleId).toBe('no-restricted-syntax');
    expect(messages[0].message).toContain('docs/adr/0001-architecture.md');
  });

  it.each(Object.keys(ok))('accepts %s', (name) => {
    expect(answer.messages[name]).toEqual([]);
  });

  it('leaves spec files alone (they build scopes for their fixtures)', () => {
    expect(answer.messages['a bad spec']).toEqual([]);
  });

  it('leaves the web alone (its HTTP clients put the company id in the URL)', () => {
    expect(answer.messages['a web HTTP client']).toEqual([]);
    expect(answer.rules[webProject]).toBeUndefined();
  });

  it('is applied, whole, by the lint config of every API project', () => {
    expect(apiProjects.length).toBeGreaterThan(15);
    for (const project of apiProjects) {
      expect({ project, rule: answer.rules[project] }).toEqual({
        project,
        rule: [2, ...answer.expected.slice(1)],
      });
    }
  });
});
