import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // The templates are EJS, not code: they are checked in the workspace they generate.
  { ignores: ['src/generators/*/files/**'] },
];
