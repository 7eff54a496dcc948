import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiErrors, Public } from '@crm/api/core';
import { AuthResponse, LoginDto, RefreshTokenDto, RegisterDto } from '@crm/shared/contracts';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @ApiOperation({ summary: 'Create an account (and, with companyName, a company it owns) and log in' })
  @ApiCreatedResponse({ type: AuthResponse })
  @ApiErrors(400, 409, 429)
  register(@Body() dto: RegisterDto): Promise<AuthResponse> {
    return this.auth.register(dto);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; repeated failures for a login or an address must wait longer each time' })
  @ApiOkResponse({ type: AuthResponse })
  @ApiErrors(400, 401, 429)
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<AuthResponse> {
    return this.auth.login(dto, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; the old refresh token stops working' })
  @ApiOkResponse({ type: AuthResponse })
  @ApiErrors(400, 401, 429)
  refresh(@Body() dto: RefreshTokenDto): Promise<AuthResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this refresh token' })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiErrors(400, 429)
  async logout(@Body() dto: RefreshTokenDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }
}
