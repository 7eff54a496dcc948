import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type CompanyScope, pathIdPipe, Scope } from '@crm/api/core';
import { AddMemberDto, InvitationResponse, MemberResponse, UpdateMemberDto } from '@crm/shared/contracts';
import { CompanyRoute } from './company-route.decorator';
import { InvitationsService } from './invitations/invitations.service';
import { MembersService } from './members.service';
import { Roles } from './roles.decorator';

const userIdPipe = pathIdPipe('member_not_found', 'Member not found');

@ApiTags('members')
@CompanyRoute()
@Controller('companies/:companyId/members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Members of the company with their roles' })
  @ApiOkResponse({ type: [MemberResponse] })
  list(@Scope() scope: CompanyScope): Promise<MemberResponse[]> {
    return this.members.list(scope);
  }

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Invite a login with a role (owner/admin)',
    description:
      'Creates (or renews) an invitation; the user with that login becomes a member only by accepting it ' +
      '(`POST /api/me/invitations/{invitationId}/accept`). The answer is the same whether or not the login ' +
      'is registered. 409 only when the login is already a member.',
  })
  @ApiCreatedResponse({ type: InvitationResponse })
  @ApiErrors(400, 403, 409)
  add(@Scope() scope: CompanyScope, @Body() dto: AddMemberDto): Promise<InvitationResponse> {
    return this.invitations.invite(scope, dto.login, dto.role);
  }

  @Patch(':userId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: "Change a member's role (owner/admin; only owners touch owners)" })
  @ApiOkResponse({ type: MemberResponse })
  @ApiErrors(400, 403, 409)
  changeRole(
    @Scope() scope: CompanyScope,
    @Param('userId', userIdPipe) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberResponse> {
    return this.members.changeRole(scope, userId, dto.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Remove a member (owner/admin; the last owner stays)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(403, 409)
  async remove(@Scope() scope: CompanyScope, @Param('userId', userIdPipe) userId: string): Promise<void> {
    await this.members.remove(scope, userId);
  }
}
