module.exports = {
  displayName: 'shared-contracts',
  preset: '../../../jest.preset.node.js',
  coverageDirectory: '../../../coverage/libs/shared/contracts',
};
