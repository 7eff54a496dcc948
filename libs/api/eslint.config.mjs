import baseConfig from '../../eslint.config.mjs';

/**
 * The lint config every `libs/api/*` project uses: the workspace's, plus tenancy (issue 10,
 * docs/adr/0001-architecture.md): below the guards, tenant code names its company by the
 * `CompanyScope` a guard resolved, never by a bare company id string.
 *
 * `no-restricted-syntax` with selectors over the TypeScript AST, in every non-spec file:
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
 * each selector fires and that every API project's config applies them. (This file sits above the
 * projects so that Nx counts it among their lint inputs.)
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

/** The flat-config block: TypeScript sources, specs excepted (they build scopes for their fixtures). */
export const tenantScope = {
  files: ['**/*.ts'],
  ignores: ['**/*.spec.ts'],
  rules: {
    // The only `no-restricted-syntax` entry of the API projects: a later block that sets the rule
    // replaces these selectors, so add new ones here.
    'no-restricted-syntax': ['error', ...tenantScopeSelectors],
  },
};

export default [...baseConfig, tenantScope];
