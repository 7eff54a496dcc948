import type { CompanyRole } from './company-role';

/** A company as seen by one of its members. */
export class CompanyMembershipResponse {
  id!: string;
  /** @example "ООО Ромашка" */
  name!: string;
  /** @example "owner" */
  role!: CompanyRole;
}
