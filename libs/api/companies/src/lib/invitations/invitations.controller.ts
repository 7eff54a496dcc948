import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ApiErrors,
  type AuthenticatedUser,
  BEARER_AUTH,
  type CompanyScope,
  CurrentUser,
  pathIdPipe,
  Scope,
} from '@crm/api/core';
import { CompanyMembershipResponse, InvitationResponse, MyInvitationResponse } from '@crm/shared/contracts';
import { CompanyRoute } from '../company-route.decorator';
import { Roles } from '../roles.decorator';
import { InvitationsService } from './invitations.service';

const invitationIdPipe = pathIdPipe('invitation_not_found', 'Invitation not found');
const INVITATION_ID = { name: 'invitationId', type: String, format: 'uuid' } as const;

/** The company's side: pending invitations and withdrawing one (`POST .../members` invites). */
@ApiTags('members')
@CompanyRoute()
@Controller('companies/:companyId/invitations')
export class CompanyInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Pending invitations of the company, newest first (owner/admin)' })
  @ApiOkResponse({ type: [InvitationResponse] })
  @ApiErrors(403)
  list(@Scope() scope: CompanyScope): Promise<InvitationResponse[]> {
    return this.invitations.list(scope);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiParam(INVITATION_ID)
  @ApiOperation({ summary: 'Withdraw an invitation (owner/admin; an owner invitation only by an owner)' })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiErrors(403)
  async revoke(
    @Scope() scope: CompanyScope,
    @Param('invitationId', invitationIdPipe) invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(scope, invitationId);
  }
}

/** The invitee's side: invitations to the caller's login, accepted or declined by them only. */
@ApiTags('auth')
@ApiBearerAuth(BEARER_AUTH)
@Controller('me/invitations')
export class MyInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @ApiOperation({ summary: "Invitations to the caller's login that wait for an answer" })
  @ApiOkResponse({ type: [MyInvitationResponse] })
  @ApiErrors(401)
  list(@CurrentUser() user: AuthenticatedUser): Promise<MyInvitationResponse[]> {
    return this.invitations.listMine(user.id);
  }

  @Post(':invitationId/accept')
  @HttpCode(200)
  @ApiParam(INVITATION_ID)
  @ApiOperation({ summary: 'Accept: the caller becomes a member with the invited role' })
  @ApiOkResponse({ type: CompanyMembershipResponse })
  @ApiErrors(401, 404)
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('invitationId', invitationIdPipe) invitationId: string,
  ): Promise<CompanyMembershipResponse> {
    return this.invitations.accept(user.id, invitationId);
  }

  @Post(':invitationId/decline')
  @HttpCode(204)
  @ApiParam(INVITATION_ID)
  @ApiOperation({ summary: 'Decline: the invitation is dropped' })
  @ApiNoContentResponse({ description: 'Declined' })
  @ApiErrors(401, 404)
  async decline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('invitationId', invitationIdPipe) invitationId: string,
  ): Promise<void> {
    await this.invitations.decline(user.id, invitationId);
  }
}
