import { IsIn } from 'class-validator';
import { COMPANY_ROLES, type CompanyRole } from './company-role';

export class UpdateMemberDto {
  /** @example "admin" */
  @IsIn(COMPANY_ROLES)
  role!: CompanyRole;
}
