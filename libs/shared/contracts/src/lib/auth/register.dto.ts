import { IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import {
  COMPANY_NAME_MAX_LENGTH,
  LOGIN_MAX_LENGTH,
  LOGIN_MIN_LENGTH,
  LOGIN_PATTERN,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../common/validation';
import { IsOmittable } from '../common/optional';

export class RegisterDto {
  /** 3–64 letters, digits and `._-@`; unique regardless of case. @example "anna.petrova" */
  @IsString()
  @Matches(LOGIN_PATTERN, { message: 'login must be 3–64 letters, digits or ._-@' })
  @Length(LOGIN_MIN_LENGTH, LOGIN_MAX_LENGTH)
  login!: string;

  /** At least 10 characters. @example "correct-horse-battery" */
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  /** When given, a company is created and the new user becomes its owner. @example "ООО Ромашка" */
  @IsOmittable()
  @IsString()
  @Length(1, COMPANY_NAME_MAX_LENGTH)
  companyName?: string;
}
