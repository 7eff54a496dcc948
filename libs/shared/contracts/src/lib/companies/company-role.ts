/** A user's role in a company. Owners and admins manage members and API keys. */
export const COMPANY_ROLES = ['owner', 'admin', 'member'] as const;
export type CompanyRole = (typeof COMPANY_ROLES)[number];

/** Roles that may manage the company (members, keys, settings, rates). */
export const MANAGER_ROLES: readonly CompanyRole[] = ['owner', 'admin'];
