import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const libs = (...types) => types.map((t) => `type:${t}`);

// The architecture of DESIGN.md, enforced: apps import libs only, libs never
// import apps, each lib only the libs below it, and the contracts lib nothing
// but zod. No wildcard constraint anywhere. `forTests` adds what test files
// may use on top.
const boundaries = (forTests) => {
  const allow = (tags) => [...tags, ...forTests];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: allow([]), allowedExternalImports: ['zod', 'zod/*', 'node:*', ...(forTests.length ? ['@asyncapi/parser'] : [])] },
      { sourceTag: 'type:errors', onlyDependOnLibsWithTags: allow([]) },
      { sourceTag: 'type:config', onlyDependOnLibsWithTags: allow([]) },
      { sourceTag: 'type:auth', onlyDependOnLibsWithTags: allow(libs('config', 'errors')) },
      { sourceTag: 'type:audit', onlyDependOnLibsWithTags: allow(libs('config', 'errors', 'auth', 'http')) },
      { sourceTag: 'type:telemetry', onlyDependOnLibsWithTags: allow(libs('config', 'errors')) },
      { sourceTag: 'type:privacy', onlyDependOnLibsWithTags: allow(libs('config', 'errors')) },
      { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: allow(libs('contracts', 'config', 'errors', 'privacy')) },
      { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: allow(libs('contracts', 'config', 'errors', 'persistence', 'telemetry', 'privacy')) },
      { sourceTag: 'type:http', onlyDependOnLibsWithTags: allow(libs('contracts', 'config', 'errors', 'telemetry', 'auth')) },
      { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: allow(libs('contracts', 'config', 'errors', 'telemetry', 'persistence', 'messaging', 'http', 'privacy', 'auth', 'audit')) },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: allow(libs('contracts', 'config', 'errors')) },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: allow(libs('contracts', 'config', 'errors', 'telemetry', 'persistence', 'messaging', 'http', 'runtime', 'privacy', 'auth')) },
      // The e2e project is test code through and through.
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: allow(libs('contracts', 'config', 'errors', 'telemetry', 'messaging', 'testing', 'tools', 'privacy', 'auth')) },
      { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
      { sourceTag: 'type:tools', onlyDependOnLibsWithTags: allow(libs('contracts', 'config', 'errors', 'messaging', 'testing', 'privacy', 'auth')) },
      { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
      // infra/: the deployment files' checks (the chart, the compose file, the image).
      { sourceTag: 'type:infra', onlyDependOnLibsWithTags: allow(libs('config', 'contracts', 'messaging')) },
      { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:shared', 'scope:intake'] },
      { sourceTag: 'scope:legal', onlyDependOnLibsWithTags: ['scope:shared', 'scope:legal'] },
      { sourceTag: 'scope:logistics', onlyDependOnLibsWithTags: ['scope:shared', 'scope:logistics'] },
      { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:shared', 'scope:notification'] },
      { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:shared', 'scope:dashboard'] },
      { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:shared'] },
    ],
  };
};

export default tseslint.config(
  { ignores: ['**/*.cjs', '**/node_modules/**', '**/dist/**', 'tmp/**', '.run/**', '**/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries([])],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.chaos-spec.ts', '**/*.test-kit.ts', '**/test-support/**/*.ts', 'apps/*/scripts/**/*.ts'],
    // Tests, their kits and the benchmarks may also use the testing lib
    // (expectEventually, the real servers' addresses, actingAs).
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries(['type:testing'])],
    },
  },
);
