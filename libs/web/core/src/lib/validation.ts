/**
 * Client-side mirror of the contract's limits (`libs/shared/contracts/src/lib/common/validation.ts`
 * and `company-role.ts`). They are copied, not imported, because the contracts entry point also
 * exports class-validator DTOs that the browser bundle must not pull; `validation.spec.ts` fails
 * the moment the two drift apart.
 */
export const LOGIN_PATTERN = /^[\p{L}\p{N}._@-]{3,64}$/u;
export const LOGIN_MIN_LENGTH = 3;
export const LOGIN_MAX_LENGTH = 64;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
export const COMPANY_NAME_MAX_LENGTH = 200;
export const API_KEY_NAME_MAX_LENGTH = 100;

export const COMPANY_ROLES = ['owner', 'admin', 'member'] as const;
export const MANAGER_ROLES: readonly string[] = ['owner', 'admin'];
