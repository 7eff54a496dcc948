import nx from '@nx/eslint-plugin';
import { join } from 'node:path';

/*
 * Tenancy, enforced (issue 10, docs/adr/0001-architecture.md, "No bare company id below the guards"):
 * in `libs/api`, tenant code names its company by the `CompanyScope` a guard resolved, never by a
 * bare company id string. `no-restricted-syntax` over the TypeScript AST, in every non-spec file:
 *
 * - a function or method parameter named `companyId` or `company_id` typed `string` (or a union with
 *   `string`), plain, with a default, or as a constructor parameter property;
 * - a parameter whose inline object type has such a member (`company: { companyId: string; … }`);
 * - a `CompanyScope` written as an object literal inline (`const scope: CompanyScope = { … }`,
 *   `{ … } as CompanyScope`): scopes are made by the guards, or at a system boundary by one named
 *   function that returns one (`scopeOfImportJob`, `scopeOfGenerateJob`, …).
 *
 * Row, DTO and job-payload shapes keep their `companyId` field: they are data, not a tenant's
 * identity handed down a call. `libs/api/core/src/lib/security/tenant-scope.lint.spec.ts` proves
 * each selector fires and that every API library's config applies them. It lives here, in the root
 * config every project extends, so that Nx counts it among every lint target's inputs; `basePath`
 * (absolute) keeps it to `libs/api` whichever project's config loads it.
 */

const NAME = '/^(companyId|company_id)$/';
/** The node's own type annotation is `string`, or a union that includes `string` (`string | null`). */
const STRING =
  ':matches([typeAnnotation.typeAnnotation.type="TSStringKeyword"], [typeAnnotation.typeAnnotation.type="TSUnionType"]:has(TSStringKeyword))';
/** Everything that has parameters: functions, methods (with or without a body), signatures, function types. */
const FUNCTION =
  ':matches(FunctionDeclaration, FunctionExpression, ArrowFunctionExpression, TSDeclareFunction, TSEmptyBodyFunctionExpression, TSMethodSignature, TSFunctionType, TSCallSignatureDeclaration, TSConstructSignatureDeclaration, TSConstructorType)';

const PARAMETER_MESSAGE =
  'A tenant function takes `scope: CompanyScope` (resolved by the guard), not a bare company id: see docs/adr/0001-architecture.md, "No bare company id below the guards".';
const LITERAL_MESSAGE =
  'Do not write a CompanyScope inline: guards resolve it; a system boundary (a job worker, a sweep) makes it in one named function that returns it. See docs/adr/0001-architecture.md, "No bare company id below the guards".';

const COMPANY_SCOPE = '[typeAnnotation.typeName.name="CompanyScope"]';

/** The `no-restricted-syntax` entries, selector and message each. */
export const tenantScopeSelectors = [
  { selector: `${FUNCTION} > Identifier.params[name=${NAME}]${STRING}`, message: PARAMETER_MESSAGE },
  {
    selector: `${FUNCTION} > AssignmentPattern.params > Identifier.left[name=${NAME}]${STRING}`,
    message: PARAMETER_MESSAGE,
  },
  {
    selector: `${FUNCTION} > TSParameterProperty.params > Identifier.parameter[name=${NAME}]${STRING}`,
    message: PARAMETER_MESSAGE,
  },
  {
    selector: `${FUNCTION} > TSParameterProperty.params > AssignmentPattern.parameter > Identifier.left[name=${NAME}]${STRING}`,
    message: PARAMETER_MESSAGE,
  },
  {
    selector: `${FUNCTION} > .params TSTypeLiteral > TSPropertySignature[key.name=${NAME}]${STRING}`,
    message: PARAMETER_MESSAGE,
  },
  {
    selector: `VariableDeclarator[id.typeAnnotation.typeAnnotation.typeName.name="CompanyScope"] > ObjectExpression.init`,
    message: LITERAL_MESSAGE,
  },
  {
    selector: `:matches(TSAsExpression, TSSatisfiesExpression, TSTypeAssertion)${COMPANY_SCOPE} > ObjectExpression.expression`,
    message: LITERAL_MESSAGE,
  },
];

/** The flat-config block of the tenancy rule: the API libraries' TypeScript, specs excepted (they build scopes for fixtures). */
export const tenantScope = {
  basePath: join(import.meta.dirname, 'libs/api'),
  files: ['**/*.ts'],
  ignores: ['**/*.spec.ts'],
  rules: {
    // The only `no-restricted-syntax` entry of the API libraries: a later block that sets the rule
    // replaces these selectors, so add new ones here.
    'no-restricted-syntax': ['error', ...tenantScopeSelectors],
  },
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    // Type-aware rules: promises that are neither awaited nor handled are bugs in a server.
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    ignores: ['**/dist', '**/out-tsc', '**/.angular', '**/artifacts', '**/.data'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      // Architecture, enforced: shared imports only shared; api never Angular; web never Nest,
      // TypeORM or the database; domain modules never depend on insight modules (analytics,
      // reports, assistant). Cycles between projects fail too.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', '@angular/*', 'rxjs', 'express'],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
              bannedExternalImports: ['@angular/*', '@swimlane/*', 'zone.js'],
            },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'express', 'argon2', '@electric-sql/*'],
            },
            // The data scripts share the contracts' helpers (decimals, time zones), nothing of the API or web.
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'layer:domain', notDependOnLibsWithTags: ['layer:insight', 'layer:integration'] },
            { sourceTag: 'layer:insight', notDependOnLibsWithTags: ['layer:integration'] },
            // Examples for integrators use what an integrator has: the public typed client only.
            { sourceTag: 'scope:example', onlyDependOnLibsWithTags: ['type:api-client'] },
            // Web layers: a feature never imports another feature (shared pieces live in ui, HTTP
            // clients in data-access, app-wide state in core); lower layers never import upwards.
            {
              allSourceTags: ['scope:web', 'type:feature'],
              onlyDependOnLibsWithTags: ['type:ui', 'type:data-access', 'type:core', 'type:util', 'type:contracts'],
            },
            {
              allSourceTags: ['scope:web', 'type:ui'],
              onlyDependOnLibsWithTags: ['type:ui', 'type:data-access', 'type:core', 'type:util', 'type:contracts'],
            },
            {
              allSourceTags: ['scope:web', 'type:core'],
              onlyDependOnLibsWithTags: ['type:core', 'type:data-access', 'type:util', 'type:contracts'],
            },
            {
              allSourceTags: ['scope:web', 'type:data-access'],
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'],
            },
            { allSourceTags: ['scope:web', 'type:util'], onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
          ],
        },
      ],
    },
  },
  tenantScope,
];
