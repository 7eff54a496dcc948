module.exports = {
  displayName: 'api-companies',
  preset: '../../../jest.preset.node.js',
  // Covered end to end by apps/api-e2e; unit specs are added here as the library grows.
  passWithNoTests: true,
  coverageDirectory: '../../../coverage/libs/api/companies',
};
