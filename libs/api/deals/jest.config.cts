module.exports = {
  displayName: 'api-deals',
  preset: '../../../jest.preset.node.js',
  coverageDirectory: '../../../coverage/libs/api/deals',
};
