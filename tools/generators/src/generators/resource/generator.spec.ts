import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { EDITED_FILES, FIXTURES_MARKER, resourceGenerator, resourceNames, singularOf } from './generator';

const WORKSPACE = path.resolve(__dirname, '../../../../..');
const TIMESTAMP = 1799999999999;

/** A virtual tree with the workspace's own copies of the files the generator edits. */
function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of Object.values(EDITED_FILES)) tree.write(file, readFileSync(path.join(WORKSPACE, file), 'utf-8'));
  return tree;
}

const text = (tree: Tree, file: string): string => tree.read(file, 'utf-8') ?? '';

/** The files the generator wrote or changed, as the tree lists them. */
const touched = (tree: Tree) => tree.listChanges().map((change) => change.path);

describe('singularOf', () => {
  it.each([
    ['invoices', 'invoice'],
    ['companies', 'company'],
    ['boxes', 'box'],
    ['purchase-orders', 'purchase-order'],
    ['addresses', 'address'],
    ['days', 'day'],
  ])('%s → %s', (plural, singular) => expect(singularOf(plural)).toBe(singular));
});

describe('resource generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = workspaceTree();
    await resourceGenerator(tree, { name: 'invoices', titleRu: 'Счета', timestamp: TIMESTAMP, skipFormat: true });
  });

  it('writes the migration, contracts, API library, e2e spec, web library, HTTP client and texts', () => {
    expect(touched(tree)).toEqual(
      expect.arrayContaining([
        `libs/api/core/src/lib/database/migrations/${TIMESTAMP}-invoices.ts`,
        'libs/shared/contracts/src/lib/invoices/create-invoice.dto.ts',
        'libs/shared/contracts/src/lib/invoices/update-invoice.dto.ts',
        'libs/shared/contracts/src/lib/invoices/list-invoices-query.dto.ts',
        'libs/shared/contracts/src/lib/invoices/invoice-response.ts',
        'libs/api/invoices/project.json',
        'libs/api/invoices/src/lib/invoices.controller.ts',
        'libs/api/invoices/src/lib/invoices.service.ts',
        'libs/api/invoices/src/lib/invoices.service.spec.ts',
        'libs/api/invoices/src/lib/invoices.module.ts',
        'apps/api-e2e/src/invoices/invoices.spec.ts',
        'libs/web/invoices/project.json',
        'libs/web/invoices/src/lib/invoices.routes.ts',
        'libs/web/invoices/src/lib/invoice-list-page.ts',
        'libs/web/invoices/src/lib/invoice-detail-page.ts',
        'libs/web/invoices/src/lib/invoice-form.spec.ts',
        'libs/web/data-access/src/lib/invoices-api.ts',
        'libs/web/i18n/src/lib/dictionaries/invoices.ru.ts',
        'libs/web/i18n/src/lib/dictionaries/invoices.en.ts',
        ...Object.values(EDITED_FILES),
      ]),
    );
  });

  it('leaves no template syntax or placeholder behind, and every TypeScript file parses', () => {
    for (const file of touched(tree)) {
      const content = text(tree, file);
      expect({ file, template: /<%|%>|__(plural|singular|timestamp)__/.test(content + file) }).toEqual({
        file,
        template: false,
      });
      if (!file.endsWith('.ts')) continue;
      const { diagnostics } = ts.transpileModule(content, {
        fileName: file,
        reportDiagnostics: true,
        compilerOptions: { experimentalDecorators: true },
      });
      expect({
        file,
        errors: (diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
      }).toEqual({
        file,
        errors: [],
      });
    }
  });

  it('keys the table by company_id and puts it under the tenant policy, registered last in MIGRATIONS', () => {
    const migration = text(tree, `libs/api/core/src/lib/database/migrations/${TIMESTAMP}-invoices.ts`);
    expect(migration).toContain('company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE');
    expect(migration).toContain('PRIMARY KEY (company_id, id)');
    expect(migration).toContain("enableTenantSecurity(q, 'invoices')");
    expect(migration).toContain(`export class Invoices${TIMESTAMP}`);
    const index = text(tree, EDITED_FILES.migrations);
    expect(index).toContain(`import { Invoices${TIMESTAMP} } from './${TIMESTAMP}-invoices';`);
    const list = index.slice(index.indexOf('export const MIGRATIONS = ['), index.indexOf('\n];'));
    expect(list.trim().split('\n').pop()?.trim()).toBe(`Invoices${TIMESTAMP},`);
  });

  it('reaches the database only through TenantDatabase.run with the CompanyScope', () => {
    const service = text(tree, 'libs/api/invoices/src/lib/invoices.service.ts');
    expect(service).toContain('this.tenantDb.run(scope');
    expect(service).not.toMatch(/DataSource|getRepository|createQueryRunner/);
    for (const method of ['get', 'list', 'create', 'update', 'remove'])
      expect(service).toMatch(new RegExp(`async ${method}\\(scope: CompanyScope`));
    const controller = text(tree, 'libs/api/invoices/src/lib/invoices.controller.ts');
    expect(controller).toContain("@Controller('companies/:companyId/invoices')");
    expect(controller).toContain('@CompanyRoute()');
    expect(controller.match(/@ApiOperation/g)).toHaveLength(5);
    expect(controller.match(/@Param\('invoiceId', invoiceIdPipe\)/g)).toHaveLength(3);
  });

  it('registers the module, the contracts, the 404 code and the library paths', () => {
    const appModule = text(tree, EDITED_FILES.appModule);
    expect(appModule).toContain("import { InvoicesModule } from '@crm/api/invoices';");
    const imports = appModule.slice(appModule.indexOf('imports: ['), appModule.indexOf('controllers:'));
    expect(imports).toMatch(/AssistantModule,\n\s*InvoicesModule,\n\s*\],/);
    expect(text(tree, EDITED_FILES.contracts)).toContain("export * from './lib/invoices/invoice-response';");
    const codes = text(tree, EDITED_FILES.errorCodes);
    expect(codes.indexOf("'invoice_not_found'")).toBeGreaterThan(codes.indexOf('// 404'));
    expect(codes.indexOf("'invoice_not_found'")).toBeLessThan(codes.indexOf('// 409'));
    const paths = readJson(tree, EDITED_FILES.tsconfig).compilerOptions.paths;
    expect(paths['@crm/api/invoices']).toEqual(['./libs/api/invoices/src/index.ts']);
    expect(paths['@crm/web/invoices']).toEqual(['./libs/web/invoices/src/index.ts']);
  });

  it('gives the cross-company spec a fixture for the new id kind', () => {
    const fixtures = text(tree, EDITED_FILES.fixtures);
    expect(fixtures).toContain(`  'invoices/{invoiceId}': createNamed('invoices'),\n  ${FIXTURES_MARKER}`);
    const spec = text(tree, 'apps/api-e2e/src/invoices/invoices.spec.ts');
    expect(spec).toMatch(/404 for another company/);
    expect(spec).toMatch(/\.expect\(400\)/);
  });

  it('adds the lazy route, a navigation item off the phone bar, the HTTP client and texts in both languages', () => {
    expect(text(tree, EDITED_FILES.routes)).toContain(
      "{ path: 'invoices', loadChildren: () => import('@crm/web/invoices').then((m) => m.invoicesRoutes) },",
    );
    expect(text(tree, EDITED_FILES.nav)).toContain(
      "{ path: '/invoices', icon: 'docs', label: 'invoices.nav', exact: false, notOnPhone: true },",
    );
    expect(text(tree, EDITED_FILES.dataAccess)).toContain("export * from './lib/invoices-api';");
    expect(text(tree, EDITED_FILES.ru)).toMatch(
      /import \{ invoicesRu \} from '\.\/invoices\.ru';[\s\S]*\.\.\.invoicesRu,\n\};/,
    );
    expect(text(tree, EDITED_FILES.en)).toMatch(
      /import \{ invoicesEn \} from '\.\/invoices\.en';[\s\S]*\.\.\.invoicesEn,\n\};/,
    );
    expect(text(tree, 'libs/web/i18n/src/lib/dictionaries/invoices.ru.ts')).toContain("title: 'Счета'");
    expect(text(tree, 'libs/web/i18n/src/lib/dictionaries/invoices.en.ts')).toContain("title: 'Invoices'");
  });

  it('refuses a resource that exists', async () => {
    await expect(resourceGenerator(tree, { name: 'invoices', skipFormat: true })).rejects.toThrow(/exists already/);
  });
});

describe('resource generator on other names and workspaces', () => {
  it('names a two-word resource consistently', async () => {
    const tree = workspaceTree();
    await resourceGenerator(tree, { name: 'purchase-orders', timestamp: TIMESTAMP, skipFormat: true });
    expect(resourceNames({ name: 'purchase-orders' })).toMatchObject({
      Plural: 'PurchaseOrders',
      Singular: 'PurchaseOrder',
      table: 'purchase_orders',
      idParam: 'purchaseOrderId',
      notFoundCode: 'purchase_order_not_found',
      pluralProp: 'purchaseOrders',
    });
    expect(text(tree, EDITED_FILES.fixtures)).toContain(
      "'purchase-orders/{purchaseOrderId}': createNamed('purchase-orders')",
    );
    expect(text(tree, `libs/api/core/src/lib/database/migrations/${TIMESTAMP}-purchase-orders.ts`)).toContain(
      'CREATE TABLE purchase_orders (',
    );
    expect(text(tree, 'libs/web/purchase-orders/src/lib/purchase-orders.routes.ts')).toContain(
      'export const purchaseOrdersRoutes',
    );
  });

  it('refuses a name whose singular cannot be derived, and titles that would break the code', () => {
    expect(() => resourceNames({ name: 'sheep' })).toThrow(/--singular/);
    expect(resourceNames({ name: 'news', singular: 'news-item' }).idParam).toBe('newsItemId');
    expect(() => resourceNames({ name: 'invoices', titleRu: "Счёт's" })).toThrow(/title/);
  });

  it('says which file it could not edit instead of writing half a resource silently', async () => {
    const tree = workspaceTree();
    tree.write(EDITED_FILES.fixtures, 'export const RESOURCE_FIXTURES = {};\n');
    await expect(resourceGenerator(tree, { name: 'invoices', skipFormat: true })).rejects.toThrow(
      /resource-fixtures\.ts: cannot find where to add the id fixture/,
    );
  });
});
