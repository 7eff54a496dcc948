module.exports = {
  displayName: 'api-imports',
  preset: '../../../jest.preset.node.js',
  coverageDirectory: '../../../coverage/libs/api/imports',
};
