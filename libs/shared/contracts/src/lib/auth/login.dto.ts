import { IsString, MaxLength, MinLength } from 'class-validator';
import { LOGIN_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '../common/validation';

export class LoginDto {
  /** @example "anna.petrova" */
  @IsString()
  @MinLength(1)
  @MaxLength(LOGIN_MAX_LENGTH)
  login!: string;

  /** @example "correct-horse-battery" */
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
