import { formatFiles, generateFiles, logger, names, type Tree, updateJson } from '@nx/devkit';
import * as path from 'node:path';
import { treeEdits } from '../tree-edits';
import type { ResourceGeneratorSchema } from './schema';

/** `invoices` → `invoice`, `companies` → `company`, `boxes` → `box`, `purchase-orders` → `purchase-order`. */
export function singularOf(plural: string): string {
  const words = plural.split('-');
  const last = words.pop() ?? '';
  let singular = last;
  if (/[^aeiou]ies$/.test(last)) singular = `${last.slice(0, -3)}y`;
  else if (/(s|x|z|ch|sh)es$/.test(last)) singular = last.slice(0, -2);
  else if (/[^s]s$/.test(last)) singular = last.slice(0, -1);
  return [...words, singular].join('-');
}

/** Everything the templates and the edits need, derived from the plural kebab name. */
export function resourceNames(options: ResourceGeneratorSchema) {
  const plural = names(options.name);
  const singular = names(options.singular ?? singularOf(options.name));
  if (singular.fileName === plural.fileName)
    throw new Error(`"${options.name}": give the singular with --singular (it must differ from the name)`);
  const words = plural.fileName.replace(/-/g, ' ');
  const titleEn = options.titleEn ?? words.charAt(0).toUpperCase() + words.slice(1);
  for (const title of [options.titleEn, options.titleRu])
    if (title !== undefined && !/^[^'\\\n`$]+$/.test(title))
      throw new Error(`The title "${title}" must be one line without quotes, backslashes, backticks or $`);
  return {
    /** `invoices` */
    plural: plural.fileName,
    /** `invoice` */
    singular: singular.fileName,
    /** `Invoices` */
    Plural: plural.className,
    /** `Invoice` */
    Singular: singular.className,
    /** `invoices` (camelCase) */
    pluralProp: plural.propertyName,
    /** `invoice` (camelCase) */
    singularProp: singular.propertyName,
    /** `INVOICE` */
    SINGULAR: singular.constantName,
    /** The table: `invoices` */
    table: plural.fileName.replace(/-/g, '_'),
    /** The path parameter: `invoiceId` */
    idParam: `${singular.propertyName}Id`,
    /** The 404 code: `invoice_not_found` */
    notFoundCode: `${singular.fileName.replace(/-/g, '_')}_not_found`,
    titleEn,
    titleRu: options.titleRu ?? titleEn,
    timestamp: options.timestamp ?? Date.now(),
  };
}

export type ResourceNames = ReturnType<typeof resourceNames>;

/** The workspace files the generator edits, each with the anchor it looks for. */
export const EDITED_FILES = {
  tsconfig: 'tsconfig.base.json',
  migrations: 'libs/api/core/src/lib/database/migrations/index.ts',
  contracts: 'libs/shared/contracts/src/index.ts',
  errorCodes: 'libs/shared/contracts/src/lib/common/error-codes.ts',
  appModule: 'apps/api/src/app/app.module.ts',
  fixtures: 'apps/api-e2e/src/platform/resource-fixtures.ts',
  dataAccess: 'libs/web/data-access/src/index.ts',
  routes: 'apps/web/src/app/app.routes.ts',
  nav: 'libs/web/shell/src/lib/nav-items.ts',
  ru: 'libs/web/i18n/src/lib/dictionaries/ru.ts',
  en: 'libs/web/i18n/src/lib/dictionaries/en.ts',
} as const;

export const FIXTURES_MARKER = '// nx g @crm/tools:resource adds its fixtures above this line.';

const { read, insert } = treeEdits('resource');

/** The index just after the last line matching `pattern` (a multiline regex with `g`). */
function afterLast(pattern: RegExp): (text: string) => number {
  return (text) => {
    let end = -1;
    for (const match of text.matchAll(pattern)) end = (match.index ?? 0) + match[0].length;
    return end < 0 ? -1 : end + 1;
  };
}

function addImport(tree: Tree, file: string, line: string): void {
  insert(tree, file, 'the import', afterLast(/^import .*;$/gm), `${line}\n`);
}

function ensureAbsent(tree: Tree, n: ResourceNames): void {
  const taken = [`libs/api/${n.plural}`, `libs/web/${n.plural}`, `libs/shared/contracts/src/lib/${n.plural}`].filter(
    (dir) => tree.exists(dir),
  );
  if (taken.length > 0) throw new Error(`"${n.plural}" exists already: ${taken.join(', ')}`);
}

export async function resourceGenerator(tree: Tree, options: ResourceGeneratorSchema): Promise<() => void> {
  const n = resourceNames(options);
  ensureAbsent(tree, n);
  generateFiles(tree, path.join(__dirname, 'files'), '.', n);

  updateJson(tree, EDITED_FILES.tsconfig, (json) => {
    const paths = json.compilerOptions.paths as Record<string, string[]>;
    paths[`@crm/api/${n.plural}`] = [`./libs/api/${n.plural}/src/index.ts`];
    paths[`@crm/web/${n.plural}`] = [`./libs/web/${n.plural}/src/index.ts`];
    return json;
  });

  // The migration: imported and appended to MIGRATIONS (the order is the history).
  const migrationClass = `${n.Plural}${n.timestamp}`;
  addImport(tree, EDITED_FILES.migrations, `import { ${migrationClass} } from './${n.timestamp}-${n.plural}';`);
  insert(
    tree,
    EDITED_FILES.migrations,
    'the migration',
    (text) => {
      const start = text.indexOf('export const MIGRATIONS = [');
      return start < 0 ? -1 : text.indexOf('\n];', start) + 1;
    },
    `  ${migrationClass},\n`,
  );

  // The contracts.
  const contracts = read(tree, EDITED_FILES.contracts);
  tree.write(
    EDITED_FILES.contracts,
    contracts +
      [
        `${n.singular}-fields`,
        `create-${n.singular}.dto`,
        `update-${n.singular}.dto`,
        `list-${n.plural}-query.dto`,
        `${n.singular}-response`,
      ]
        .map((file) => `export * from './lib/${n.plural}/${file}';\n`)
        .join(''),
  );
  insert(tree, EDITED_FILES.errorCodes, 'the 404 code', (text) => text.indexOf('  // 409'), `  '${n.notFoundCode}',\n`);

  // The Nest module in the app.
  addImport(tree, EDITED_FILES.appModule, `import { ${n.Plural}Module } from '@crm/api/${n.plural}';`);
  insert(
    tree,
    EDITED_FILES.appModule,
    'the module',
    (text) => {
      const imports = /imports: \[[\s\S]*?\n(\s*)\],/.exec(text.slice(text.indexOf('forRoot(')));
      if (!imports) return -1;
      return text.indexOf('forRoot(') + imports.index + imports[0].length - imports[1].length - 2;
    },
    `  ${n.Plural}Module,\n`,
  );

  // The id kind for the cross-company spec.
  insert(
    tree,
    EDITED_FILES.fixtures,
    'the id fixture',
    (text) => {
      const marker = text.indexOf(FIXTURES_MARKER);
      return marker < 0 ? -1 : text.lastIndexOf('\n', marker) + 1;
    },
    `  '${n.plural}/{${n.idParam}}': createNamed('${n.plural}'),\n`,
  );

  // Web: the HTTP client, the lazy route, the navigation and the texts.
  const dataAccess = read(tree, EDITED_FILES.dataAccess);
  const lines = [...dataAccess.trimEnd().split('\n'), `export * from './lib/${n.plural}-api';`];
  tree.write(EDITED_FILES.dataAccess, `${lines.sort().join('\n')}\n`);
  insert(
    tree,
    EDITED_FILES.routes,
    'the route',
    afterLast(/^\s*\{ path: '[^']+', loadChildren: .*\},$/gm),
    `      { path: '${n.plural}', loadChildren: () => import('@crm/web/${n.plural}').then((m) => m.${n.pluralProp}Routes) },\n`,
  );
  insert(
    tree,
    EDITED_FILES.nav,
    'the navigation item',
    (text) => {
      const keys = text.indexOf("  { path: '/keys'");
      if (keys >= 0) return keys;
      const start = text.indexOf('export const NAV_ITEMS');
      return start < 0 ? -1 : text.indexOf('\n];', start) + 1;
    },
    `  { path: '/${n.plural}', icon: 'docs', label: '${n.pluralProp}.nav', exact: false, notOnPhone: true },\n`,
  );
  for (const [file, lang] of [
    [EDITED_FILES.ru, 'Ru'],
    [EDITED_FILES.en, 'En'],
  ] as const) {
    addImport(tree, file, `import { ${n.pluralProp}${lang} } from './${n.plural}.${lang.toLowerCase()}';`);
    insert(tree, file, 'the texts', (text) => text.lastIndexOf('\n};') + 1, `  ...${n.pluralProp}${lang},\n`);
  }

  if (!options.skipFormat) await formatFiles(tree);
  return () => {
    logger.info(`
${n.titleEn}: generated. Next:
  npx nx build api && npx jest -c apps/api-e2e/jest.config.cts apps/api-e2e/src/${n.plural} --runInBand
  npx jest -c libs/api/${n.plural}/jest.config.cts && npx jest -c libs/web/${n.plural}/jest.config.cts
  npm run api-client:generate   # the typed client follows the new routes
Then give the resource its own fields (docs/generators.md says where).`);
  };
}

export default resourceGenerator;
