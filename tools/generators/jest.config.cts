/* Unit specs of the workspace generators, on the devkit's virtual tree. */
module.exports = {
  displayName: 'tools-generators',
  preset: '../../jest.preset.node.js',
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/tools/generators',
};
