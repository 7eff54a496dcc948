const nxPreset = require('@nx/jest/preset').default;

/**
 * The jest preset of the Node projects (the API app and libraries, contracts, tools/scripts):
 * ts-jest with the project's own tsconfig.spec.json. A project's jest.config.cts names itself, this
 * preset and its coverage folder.
 */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // First match wins: .ts and .js by this entry (as when each project named it), the rest as Nx has it.
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    ...nxPreset.transform,
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
};
