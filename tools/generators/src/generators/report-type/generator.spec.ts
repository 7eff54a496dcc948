import { type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { currentReportTypes, REPORT_TYPE_FILES, reportTypeGenerator, reportTypeNames } from './generator';

const WORKSPACE = path.resolve(__dirname, '../../../../..');

/** A virtual tree holding the workspace's own copies of the files the generator edits. */
function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of Object.values(REPORT_TYPE_FILES))
    tree.write(file, readFileSync(path.join(WORKSPACE, file), 'utf-8'));
  return tree;
}

const text = (tree: Tree, file: string): string => tree.read(file, 'utf-8') ?? '';
const DIR = 'libs/api/reports/src/lib/types/deal-sources';
const MIGRATION = 'libs/api/core/src/lib/database/migrations/1764659999999-report-type-deal-sources.ts';

function parses(tree: Tree, file: string): void {
  const { diagnostics } = ts.transpileModule(text(tree, file), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { experimentalDecorators: true },
  });
  expect({ file, errors: diagnostics ?? [] }).toEqual({ file, errors: [] });
}

describe('report-type generator', () => {
  let tree: Tree;
  let before: string[];

  beforeEach(async () => {
    tree = workspaceTree();
    before = currentReportTypes(tree);
    await reportTypeGenerator(tree, {
      name: 'deal-sources',
      titleRu: 'Источники сделок',
      titleEn: 'Deal sources',
      timestamp: 1764659999999,
      skipFormat: true,
    });
  });

  it('writes the section generator, its export headings, its unit spec and the migration', () => {
    const report = text(tree, `${DIR}/deal-sources.report.ts`);
    expect(report).toContain('export async function buildDealSources(services: AnalyticsServices');
    expect(report).toContain('export function dealSourcesInsights(f: Facts)');
    expect(report).toContain("type: 'deal-sources',");
    expect(report).toContain("label: { ru: 'Источники сделок', en: 'Deal sources' },");
    expect(text(tree, `${DIR}/deal-sources.texts.ts`)).toContain(
      "'deal-sources': { ru: 'Источники сделок', en: 'Deal sources' },",
    );
    expect(text(tree, `${DIR}/deal-sources.report.spec.ts`)).toContain(
      'writes conclusions in Russian and English whose every figure is in the report',
    );
    const migration = text(tree, MIGRATION);
    expect(migration).toContain('export class ReportTypeDealSources1764659999999 implements MigrationInterface');
    expect(migration).toContain(`const BEFORE = [${before.map((t) => `'${t}'`).join(', ')}];`);
    expect(migration).toContain("const AFTER = [...BEFORE, 'deal-sources'];");
    expect(migration).toContain("DELETE FROM reports WHERE type = 'deal-sources'");
    for (const file of [
      `${DIR}/deal-sources.report.ts`,
      `${DIR}/deal-sources.texts.ts`,
      `${DIR}/deal-sources.report.spec.ts`,
      MIGRATION,
      ...Object.values(REPORT_TYPE_FILES),
    ]) {
      expect(text(tree, file)).not.toMatch(/<%|%>|__fileName__/);
      parses(tree, file);
    }
  });

  it('registers the type in the contract, the API registries, the migrations and the web', () => {
    expect(currentReportTypes(tree)).toEqual([...before, 'deal-sources']);
    const registry = text(tree, REPORT_TYPE_FILES.registry);
    expect(registry).toContain("import { DEAL_SOURCES_REPORT } from './deal-sources/deal-sources.report';");
    expect(registry).toMatch(/'deal-sources': DEAL_SOURCES_REPORT,\n};/);
    const texts = text(tree, REPORT_TYPE_FILES.texts);
    expect(texts).toContain("import { DEAL_SOURCES_TEXTS } from './deal-sources/deal-sources.texts';");
    expect(texts).toMatch(/REPORT_TYPE_TEXTS: ReportTypeTexts\[\] = \[[^\]]*, DEAL_SOURCES_TEXTS\];/);
    const migrations = text(tree, REPORT_TYPE_FILES.migrations);
    expect(migrations).toContain(
      "import { ReportTypeDealSources1764659999999 } from './1764659999999-report-type-deal-sources';",
    );
    expect(migrations).toMatch(/ {2}ReportTypeDealSources1764659999999,\n\];/);
    expect(text(tree, REPORT_TYPE_FILES.web)).toMatch(
      /'deal-sources': \{ icon: 'assessment', parameters: 'sales' \},\n\};/,
    );
  });

  it('adds the type’s texts to both reports dictionaries, in the same blocks', () => {
    const ru = text(tree, REPORT_TYPE_FILES.ru);
    const en = text(tree, REPORT_TYPE_FILES.en);
    for (const block of ['types', 'typeHints', 'charts', 'tables']) {
      const inBlock = (dict: string) => {
        const start = dict.indexOf(`\n    ${block}: {`);
        const end = dict.indexOf('\n    },', start);
        return dict.slice(start, end);
      };
      expect(inBlock(ru)).toContain("'deal-sources': ");
      expect(inBlock(en)).toContain("'deal-sources': ");
    }
    expect(ru).toContain("'deal-sources': 'Источники сделок',");
    expect(en).toContain("'deal-sources': 'Deal sources',");
  });

  it('refuses a type that exists, a missing anchor and a title that would break the code', async () => {
    await expect(reportTypeGenerator(tree, { name: 'deal-sources', skipFormat: true })).rejects.toThrow(/exists/);
    await expect(reportTypeGenerator(workspaceTree(), { name: 'pipeline', skipFormat: true })).rejects.toThrow(
      /exists/,
    );
    const broken = workspaceTree();
    broken.write(REPORT_TYPE_FILES.web, 'export const SOMETHING_ELSE = {};\n');
    await expect(reportTypeGenerator(broken, { name: 'deal-sources', skipFormat: true })).rejects.toThrow(
      /report-types\.ts: cannot find where to add the builder entry/,
    );
    expect(() => reportTypeNames({ name: 'x', titleEn: 'a `b`' })).toThrow(/title/);
    // Quotes in a title are escaped, not fatal.
    expect(reportTypeNames({ name: 'client-mix', titleRu: 'Клиенты «VIP» и д’Артаньян' }).titleRu).toBe(
      'Клиенты «VIP» и д’Артаньян',
    );
    expect(reportTypeNames({ name: 'client-mix' })).toMatchObject({
      titleEn: 'Client mix',
      titleRu: 'Client mix',
      constName: 'CLIENT_MIX',
    });
  });
});
