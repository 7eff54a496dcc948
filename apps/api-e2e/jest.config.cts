/* API end-to-end specs: a real API process (built by `nx build api`) on a real PostgreSQL. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // Shards split the specs by their measured duration (spec-seconds.json).
  testSequencer: '<rootDir>/../../tools/jest/balanced-sequencer.cjs',
  coverageDirectory: '../../coverage/apps/api-e2e',
};
