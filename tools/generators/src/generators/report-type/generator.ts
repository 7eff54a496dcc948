import { formatFiles, generateFiles, names, type Tree } from '@nx/devkit';
import * as path from 'node:path';
import { treeEdits } from '../tree-edits';
import type { ReportTypeGeneratorSchema } from './schema';

/**
 * The files a new report type is registered in, each with the anchor the generator looks for. The
 * exports, the store, the viewer and the narrator read the registries, so nothing else changes.
 */
export const REPORT_TYPE_FILES = {
  /** `export const REPORT_TYPES = [...] as const;`: the type joins the contract (validation, OpenAPI). */
  contracts: 'libs/shared/contracts/src/lib/reports/report-type.ts',
  /** `REPORT_TYPE_DEFINITIONS`: generation, conclusions, titles. */
  registry: 'libs/api/reports/src/lib/types/report-types.ts',
  /** `REPORT_TYPE_TEXTS`: headings in the PDF, CSV and XLSX. */
  texts: 'libs/api/reports/src/lib/types/report-texts.ts',
  /** `MIGRATIONS`: the migration widening the `reports.type` check. */
  migrations: 'libs/api/core/src/lib/database/migrations/index.ts',
  /** `REPORT_TYPE_META`: the builder's icon and parameters. */
  web: 'libs/web/reports/src/lib/report-types.ts',
  ru: 'libs/web/i18n/src/lib/dictionaries/reports.ru.ts',
  en: 'libs/web/i18n/src/lib/dictionaries/reports.en.ts',
} as const;

const REPORT_TYPES = /export const REPORT_TYPES = \[([^\]]*)\] as const;/;

/** A TypeScript string literal. */
const q = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function reportTypeNames(options: ReportTypeGeneratorSchema) {
  const n = names(options.name);
  const words = n.fileName.replace(/-/g, ' ');
  const titleEn = options.titleEn ?? words.charAt(0).toUpperCase() + words.slice(1);
  const titleRu = options.titleRu ?? titleEn;
  for (const title of [titleEn, titleRu])
    if (/[\n`$]/.test(title) || title.length > 100)
      throw new Error('A title is one line of at most 100 characters without backticks or $');
  return {
    /** `deal-sources`: the type, the folder, the table and chart key. */
    fileName: n.fileName,
    /** `DealSources` */
    className: n.className,
    /** `dealSources` */
    propertyName: n.propertyName,
    /** `DEAL_SOURCES` */
    constName: n.constantName,
    titleEn,
    titleRu,
    timestamp: options.timestamp ?? Date.now(),
    q,
  };
}

const { read, insert } = treeEdits('report-type');

/** The index just after the last import statement. */
function afterImports(text: string): number {
  const last = [...text.matchAll(/^import [\s\S]*?;$/gm)].pop();
  return last ? (last.index ?? 0) + last[0].length + 1 : -1;
}

/** The index of the line `close` that ends the block `opening` starts (an indented opening must begin its line). */
function closing(opening: string, close: string): (text: string) => number {
  return (text) => {
    const start = text.indexOf(opening.startsWith(' ') ? `\n${opening}` : opening);
    if (start < 0) return -1;
    const end = text.indexOf(`\n${close}`, start);
    return end < 0 ? -1 : end + 1;
  };
}

/** The types of the contract as they are now. */
export function currentReportTypes(tree: Tree): string[] {
  const match = REPORT_TYPES.exec(read(tree, REPORT_TYPE_FILES.contracts));
  if (!match)
    throw new Error(
      `${REPORT_TYPE_FILES.contracts}: cannot find REPORT_TYPES; add the type by hand (see docs/generators.md)`,
    );
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

export async function reportTypeGenerator(tree: Tree, options: ReportTypeGeneratorSchema): Promise<void> {
  const n = reportTypeNames(options);
  const before = currentReportTypes(tree);
  if (before.includes(n.fileName) || tree.exists(`libs/api/reports/src/lib/types/${n.fileName}`))
    throw new Error(`The report type "${n.fileName}" exists already`);

  // The contract: the type is valid in `POST /reports` and listed in the OpenAPI document.
  const contracts = read(tree, REPORT_TYPE_FILES.contracts);
  tree.write(
    REPORT_TYPE_FILES.contracts,
    contracts.replace(REPORT_TYPES, (_m, list: string) => {
      const items = list.trim().replace(/,$/, '');
      return `export const REPORT_TYPES = [${items}, '${n.fileName}'] as const;`;
    }),
  );

  // The API registries: generation and conclusions, export headings.
  insert(
    tree,
    REPORT_TYPE_FILES.registry,
    'the import',
    afterImports,
    `import { ${n.constName}_REPORT } from './${n.fileName}/${n.fileName}.report';\n`,
  );
  insert(
    tree,
    REPORT_TYPE_FILES.registry,
    'the definition',
    closing('export const REPORT_TYPE_DEFINITIONS', '};'),
    `  '${n.fileName}': ${n.constName}_REPORT,\n`,
  );
  insert(
    tree,
    REPORT_TYPE_FILES.texts,
    'the import',
    afterImports,
    `import { ${n.constName}_TEXTS } from './${n.fileName}/${n.fileName}.texts';\n`,
  );
  const texts = read(tree, REPORT_TYPE_FILES.texts);
  const list = /(export const REPORT_TYPE_TEXTS: ReportTypeTexts\[\] = \[)([^\]]*)(\];)/.exec(texts);
  if (!list)
    throw new Error(
      `${REPORT_TYPE_FILES.texts}: cannot find REPORT_TYPE_TEXTS; add it by hand (see docs/generators.md)`,
    );
  const entries = list[2].trim().replace(/,$/, '');
  tree.write(
    REPORT_TYPE_FILES.texts,
    texts.replace(list[0], `${list[1]}${entries ? `${entries}, ` : ''}${n.constName}_TEXTS${list[3]}`),
  );

  // The migration widening the database's check of `reports.type`.
  const migrationClass = `ReportType${n.className}${n.timestamp}`;
  insert(
    tree,
    REPORT_TYPE_FILES.migrations,
    'the migration import',
    afterImports,
    `import { ${migrationClass} } from './${n.timestamp}-report-type-${n.fileName}';\n`,
  );
  insert(
    tree,
    REPORT_TYPE_FILES.migrations,
    'the migration',
    closing('export const MIGRATIONS = [', '];'),
    `  ${migrationClass},\n`,
  );

  // The web: the builder's entry and the texts of the builder, viewer and list.
  insert(
    tree,
    REPORT_TYPE_FILES.web,
    'the builder entry',
    closing('export const REPORT_TYPE_META', '};'),
    `  '${n.fileName}': { icon: 'assessment', parameters: 'sales' },\n`,
  );
  for (const lang of ['ru', 'en'] as const) {
    const title = lang === 'ru' ? n.titleRu : n.titleEn;
    const hint =
      lang === 'ru' ? 'Выручка и продажи по статусам за период' : 'Revenue and sales by status in the period';
    const file = REPORT_TYPE_FILES[lang];
    const entry = (block: string, text: string) =>
      insert(
        tree,
        file,
        `reports.${block}`,
        closing(`    ${block}: {`, '    },'),
        `      '${n.fileName}': ${q(text)},\n`,
      );
    entry('types', title);
    entry('typeHints', hint);
    entry('charts', title);
    entry('tables', title);
  }

  generateFiles(tree, path.join(__dirname, 'files'), '.', { ...n, typesBefore: `[${before.map(q).join(', ')}]` });
  if (!options.skipFormat) await formatFiles(tree);
}

export default reportTypeGenerator;
