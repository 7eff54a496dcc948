import { IsIn, IsString, Length } from 'class-validator';
import { COMPANY_ROLES, type CompanyRole } from './company-role';
import { LOGIN_MAX_LENGTH, LOGIN_MIN_LENGTH } from '../common/validation';

export class AddMemberDto {
  /** Login to invite; the user joins on accepting. Any login is accepted alike, registered or not. @example "ivan.sidorov" */
  @IsString()
  @Length(LOGIN_MIN_LENGTH, LOGIN_MAX_LENGTH)
  login!: string;

  /** @example "member" */
  @IsIn(COMPANY_ROLES)
  role!: CompanyRole;
}
