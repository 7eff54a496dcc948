import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthenticatedUser, BEARER_AUTH, CurrentUser } from '@crm/api/core';
import { MeResponse } from '@crm/shared/contracts';
import { AuthService } from './auth.service';

@ApiTags('auth')
@ApiBearerAuth(BEARER_AUTH)
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({ summary: 'The caller and the companies it belongs to' })
  @ApiOkResponse({ type: MeResponse })
  @ApiErrors(401)
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeResponse> {
    return this.auth.me(user.id);
  }
}
