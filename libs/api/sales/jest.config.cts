module.exports = {
  displayName: 'api-sales',
  preset: '../../../jest.preset.node.js',
  coverageDirectory: '../../../coverage/libs/api/sales',
};
