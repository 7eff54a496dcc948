import apiConfig from '../../../eslint.api.config.mjs';

export default [...apiConfig];
