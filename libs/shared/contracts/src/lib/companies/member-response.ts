import type { CompanyRole } from './company-role';

export class MemberResponse {
  userId!: string;
  /** @example "ivan.sidorov" */
  login!: string;
  /** @example "member" */
  role!: CompanyRole;
}
