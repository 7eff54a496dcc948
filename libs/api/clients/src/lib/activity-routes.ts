import { Body, Get, Param, type PipeTransform, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiCompanyParam } from '@crm/api/companies';
import { ApiErrors, type AuthenticatedUser, type CompanyScope, CurrentUser, Scope } from '@crm/api/core';
import { CreateInteractionDto, CreateNoteDto, InteractionResponse, NoteResponse } from '@crm/shared/contracts';

/** What a record with a timeline (a client, a deal) does with its interactions and notes. */
export interface ActivityOwner {
  listInteractions(scope: CompanyScope, id: string): Promise<InteractionResponse[]>;
  createInteraction(
    scope: CompanyScope,
    id: string,
    user: AuthenticatedUser,
    dto: CreateInteractionDto,
  ): Promise<InteractionResponse>;
  listNotes(scope: CompanyScope, id: string): Promise<NoteResponse[]>;
  createNote(scope: CompanyScope, id: string, user: AuthenticatedUser, dto: CreateNoteDto): Promise<NoteResponse>;
}

export interface ActivityRoutesOptions {
  /** The route parameter naming the record, e.g. `clientId`. */
  param: string;
  /** Checks the parameter (a UUID, or 404). */
  pipe: PipeTransform;
  /** The OpenAPI summary of each route. */
  summaries: Record<keyof ActivityOwner, string>;
}

/**
 * The four timeline routes under a record's path: `GET`/`POST interactions` and `GET`/`POST notes`.
 * A controller extends the class this returns, adds its own `@Controller(path)`, tags and guards,
 * and gives `activity`, which does the work (a service, or an adapter over the services). Operation ids stay the concrete controller's.
 */
export function ActivityRoutes(options: ActivityRoutesOptions) {
  const { param, pipe, summaries } = options;

  @ApiCompanyParam()
  abstract class Routes {
    abstract readonly activity: ActivityOwner;

    @Get('interactions')
    @ApiOperation({ summary: summaries.listInteractions })
    @ApiOkResponse({ type: [InteractionResponse] })
    listInteractions(@Scope() scope: CompanyScope, @Param(param, pipe) id: string): Promise<InteractionResponse[]> {
      return this.activity.listInteractions(scope, id);
    }

    @Post('interactions')
    @ApiOperation({ summary: summaries.createInteraction })
    @ApiCreatedResponse({ type: InteractionResponse })
    @ApiErrors(400)
    createInteraction(
      @Scope() scope: CompanyScope,
      @CurrentUser() user: AuthenticatedUser,
      @Param(param, pipe) id: string,
      @Body() dto: CreateInteractionDto,
    ): Promise<InteractionResponse> {
      return this.activity.createInteraction(scope, id, user, dto);
    }

    @Get('notes')
    @ApiOperation({ summary: summaries.listNotes })
    @ApiOkResponse({ type: [NoteResponse] })
    listNotes(@Scope() scope: CompanyScope, @Param(param, pipe) id: string): Promise<NoteResponse[]> {
      return this.activity.listNotes(scope, id);
    }

    @Post('notes')
    @ApiOperation({ summary: summaries.createNote })
    @ApiCreatedResponse({ type: NoteResponse })
    @ApiErrors(400)
    createNote(
      @Scope() scope: CompanyScope,
      @CurrentUser() user: AuthenticatedUser,
      @Param(param, pipe) id: string,
      @Body() dto: CreateNoteDto,
    ): Promise<NoteResponse> {
      return this.activity.createNote(scope, id, user, dto);
    }
  }
  return Routes;
}
