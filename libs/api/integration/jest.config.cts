module.exports = {
  displayName: 'api-integration',
  preset: '../../../jest.preset.node.js',
  passWithNoTests: true,
  coverageDirectory: '../../../coverage/libs/api/integration',
};
