module.exports = {
  displayName: 'api-analytics',
  preset: '../../../jest.preset.node.js',
  coverageDirectory: '../../../coverage/libs/api/analytics',
};
