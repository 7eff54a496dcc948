import { IsString, Length } from 'class-validator';

export class RefreshTokenDto {
  /** The refresh token from the last login, register or refresh answer; each one works once. */
  @IsString()
  @Length(16, 512)
  refreshToken!: string;
}
