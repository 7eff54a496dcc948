module.exports = {
  displayName: 'api-clients',
  preset: '../../../jest.preset.node.js',
  passWithNoTests: true,
  coverageDirectory: '../../../coverage/libs/api/clients',
};
