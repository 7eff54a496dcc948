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
import { clientIdPipe } from './client-id.pipe';
import { InteractionsService } from './interactions.service';
import { NotesService } from './notes.service';

/** A client's timeline: interactions and notes. */
@ApiTags('clients')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/clients/:clientId')
export class ClientActivityController {
  constructor(
    private readonly interactions: InteractionsService,
    private readonly notes: NotesService,
  ) {}

  @Get('interactions')
  @ApiOperation({ summary: 'Interactions with a client, newest first' })
  @ApiOkResponse({ type: [InteractionResponse] })
  listInteractions(
    @Scope() scope: CompanyScope,
    @Param('clientId', clientIdPipe) clientId: string,
  ): Promise<InteractionResponse[]> {
    return this.interactions.list(scope, clientId);
  }

  @Post('interactions')
  @ApiOperation({ summary: 'Record an interaction; the client’s lastInteractionAt moves forward to it' })
  @ApiCreatedResponse({ type: InteractionResponse })
  @ApiErrors(400)
  createInteraction(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('clientId', clientIdPipe) clientId: string,
    @Body() dto: CreateInteractionDto,
  ): Promise<InteractionResponse> {
    return this.interactions.create(scope, clientId, user, dto);
  }

  @Get('notes')
  @ApiOperation({ summary: 'Notes on a client, newest first' })
  @ApiOkResponse({ type: [NoteResponse] })
  listNotes(@Scope() scope: CompanyScope, @Param('clientId', clientIdPipe) clientId: string): Promise<NoteResponse[]> {
    return this.notes.list(scope, clientId);
  }

  @Post('notes')
  @ApiOperation({ summary: 'Write a note on a client; the author is the current user' })
  @ApiCreatedResponse({ type: NoteResponse })
  @ApiErrors(400)
  createNote(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('clientId', clientIdPipe) clientId: string,
    @Body() dto: CreateNoteDto,
  ): Promise<NoteResponse> {
    return this.notes.create(scope, clientId, user, dto);
  }
}
