/* Browser end-to-end specs: the built API serving the built web app, driven by Debian Chromium. */
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 120_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // Shards split the specs by their measured duration (spec-seconds.json).
  testSequencer: '<rootDir>/../../tools/jest/balanced-sequencer.cjs',
  coverageDirectory: '../../coverage/apps/web-e2e',
};
