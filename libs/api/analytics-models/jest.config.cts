module.exports = {
  displayName: 'api-analytics-models',
  preset: '../../../jest.preset.node.js',
  coverageDirectory: '../../../coverage/libs/api/analytics-models',
};
