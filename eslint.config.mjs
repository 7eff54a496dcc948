import nx from '@nx/eslint-plugin';

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
];
