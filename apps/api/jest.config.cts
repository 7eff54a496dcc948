module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.node.js',
  coverageDirectory: '../../coverage/apps/api',
};
