import { Body, Controller, Get, Param, Post, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import {
  ApiErrors,
  type AuthenticatedUser,
  type CompanyScope,
  CurrentUser,
  Scope,
  StorableTextPipe,
} from '@crm/api/core';
import { CreateInteractionDto, CreateNoteDto, InteractionResponse, NoteResponse } from '@crm/shared/contracts';
import { dealIdPipe } from '../ids';
import { DealActivityService } from './deal-activity.service';

/** A deal's notes and interactions: the client's, with the deal's id; the client's timeline shows them too. */
@ApiTags('deals')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/deals/:dealId')
export class DealActivityController {
  constructor(private readonly activity: DealActivityService) {}

  @Get('interactions')
  @ApiOperation({ summary: 'Interactions on a deal, most recent first' })
  @ApiOkResponse({ type: [InteractionResponse] })
  listInteractions(
    @Scope() scope: CompanyScope,
    @Param('dealId', dealIdPipe) dealId: string,
  ): Promise<InteractionResponse[]> {
    return this.activity.listInteractions(scope, dealId);
  }

  @Post('interactions')
  @ApiOperation({
    summary:
      'Record an interaction on a deal: it is the deal client’s interaction too, and moves the client’s lastInteractionAt forward to it',
  })
  @ApiCreatedResponse({ type: InteractionResponse })
  @ApiErrors(400)
  createInteraction(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('dealId', dealIdPipe) dealId: string,
    @Body() dto: CreateInteractionDto,
  ): Promise<InteractionResponse> {
    return this.activity.createInteraction(scope, dealId, user, dto);
  }

  @Get('notes')
  @ApiOperation({ summary: 'Notes on a deal, newest first' })
  @ApiOkResponse({ type: [NoteResponse] })
  listNotes(@Scope() scope: CompanyScope, @Param('dealId', dealIdPipe) dealId: string): Promise<NoteResponse[]> {
    return this.activity.listNotes(scope, dealId);
  }

  @Post('notes')
  @ApiOperation({ summary: 'Write a note on a deal (shown on its client’s notes too); the author is the current user' })
  @ApiCreatedResponse({ type: NoteResponse })
  @ApiErrors(400)
  createNote(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('dealId', dealIdPipe) dealId: string,
    @Body() dto: CreateNoteDto,
  ): Promise<NoteResponse> {
    return this.activity.createNote(scope, dealId, user, dto);
  }
}
