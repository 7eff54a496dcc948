import apiConfig from '../eslint.config.mjs';

export default [...apiConfig];
