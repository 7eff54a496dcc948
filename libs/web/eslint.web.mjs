/**
 * Rules shared by every web project (apps/web and libs/web/*), spread into their eslint configs.
 * The contracts entry point also exports class-validator DTO classes: the browser may use their
 * types only, so a value import of `@crm/shared/contracts` is an error outside specs.
 */
export default [
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@crm/shared/contracts',
              message:
                'Use `import type` for contracts in web code: the DTO classes carry class-validator decorators the browser must not bundle.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
];
