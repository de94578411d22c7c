import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const libs = (...types) => types.map((t) => `type:${t}`);

export default tseslint.config(
  { ignores: ['**/*.cjs', '**/node_modules/**', '**/dist/**', 'tmp/**', '.run/**', '**/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      // The architecture of DESIGN.md, enforced: apps import libs only, libs
      // never import apps, each lib only the libs below it, and the contracts
      // lib nothing but zod. No wildcard constraint anywhere.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], allowedExternalImports: ['zod', 'zod/*', 'node:crypto'] },
            { sourceTag: 'type:errors', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:telemetry', onlyDependOnLibsWithTags: libs('config', 'errors') },
            { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: libs('contracts', 'config', 'errors') },
            { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: libs('contracts', 'config', 'errors', 'persistence', 'telemetry') },
            { sourceTag: 'type:http', onlyDependOnLibsWithTags: libs('contracts', 'config', 'errors', 'telemetry') },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: libs('contracts', 'config', 'errors') },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: libs('contracts', 'config', 'errors', 'telemetry', 'persistence', 'messaging', 'http', 'testing') },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:shared', 'scope:intake'] },
            { sourceTag: 'scope:legal', onlyDependOnLibsWithTags: ['scope:shared', 'scope:legal'] },
            { sourceTag: 'scope:logistics', onlyDependOnLibsWithTags: ['scope:shared', 'scope:logistics'] },
            { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:shared', 'scope:notification'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
