module.exports = {
  displayName: 'api-exchange-rates',
  preset: '../../../jest.preset.node.js',
  passWithNoTests: true,
  coverageDirectory: '../../../coverage/libs/api/exchange-rates',
};
