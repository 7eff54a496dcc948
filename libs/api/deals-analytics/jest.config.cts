module.exports = {
  displayName: 'api-deals-analytics',
  preset: '../../../jest.preset.node.js',
  coverageDirectory: '../../../coverage/libs/api/deals-analytics',
};
