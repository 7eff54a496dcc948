import { CompanyMembershipResponse } from '../companies/company-membership-response';

export class MeResponse {
  id!: string;
  /** @example "anna.petrova" */
  login!: string;
  companies!: CompanyMembershipResponse[];
}
