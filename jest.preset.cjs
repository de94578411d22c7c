// One jest configuration for every project. HOMEWARD_TEST_KIND picks unit
// tests (*.spec.ts, no servers) or integration tests (*.int-spec.ts, against
// the real Kafka, MongoDB-wire server and Mailpit that the global setup starts).
// The Nx targets run jest with NODE_OPTIONS=--experimental-vm-modules: the
// MongoDB driver 7 loads `os` with a dynamic import(), which jest's module
// sandbox refuses without it, and the driver then sends an empty client
// metadata document, which mongod and SecantusDB refuse ("Missing required
// sub-document 'driver'").
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(root, target),
  ]),
);

module.exports = function jestConfig(projectDir) {
  const kind = process.env.HOMEWARD_TEST_KIND;
  // The chaos check starts servers of its own and runs long: a kind of its own, run last by `npm test`.
  const chaos = kind === 'chaos';
  const integration = kind === 'integration' || chaos;
  return {
    displayName: path.relative(root, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: chaos ? ['**/*.chaos-spec.ts'] : integration ? ['**/*.int-spec.ts'] : ['**/*.spec.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
          module: { type: 'commonjs' },
        },
      ],
      // jose ships ES modules only; jest's CommonJS runtime needs them compiled.
      '/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' }, module: { type: 'commonjs' } }],
    },
    transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    moduleNameMapper,
    globalSetup: integration ? path.join(root, 'libs/testing/src/global-setup.cjs') : undefined,
    testTimeout: integration ? 120_000 : 10_000,
    // A client the tests did not close (seen once in intake's import tests:
    // jest then waited ten minutes) must not hang the suite; the results
    // are complete when jest reports them.
    forceExit: integration,
    passWithNoTests: true,
  };
};
