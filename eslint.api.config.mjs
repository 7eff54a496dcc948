import baseConfig from './eslint.config.mjs';
import { tenantScope } from './tools/scripts/lint/tenant-scope.mjs';

/**
 * The lint config of the API projects (`apps/api`, `libs/api/*`): the workspace's, plus tenancy —
 * no bare company id below the guards (`tools/scripts/lint/tenant-scope.mjs`, ADR 0001).
 */
export default [...baseConfig, tenantScope];
