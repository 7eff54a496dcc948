/* Unit specs of the workspace scripts (demo data, seeding, loading). */
module.exports = {
  displayName: 'tools-scripts',
  preset: '../../jest.preset.node.js',
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/tools/scripts',
};
