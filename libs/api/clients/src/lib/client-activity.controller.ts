import { Controller, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import { StorableTextPipe } from '@crm/api/core';
import { type ActivityOwner, ActivityRoutes } from './activity-routes';
import { clientIdPipe } from './client-id.pipe';
import { InteractionsService } from './interactions.service';
import { NotesService } from './notes.service';

/** A client's timeline: interactions and notes. */
@ApiTags('clients')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/clients/:clientId')
export class ClientActivityController extends ActivityRoutes({
  param: 'clientId',
  pipe: clientIdPipe,
  summaries: {
    listInteractions: 'Interactions with a client, newest first',
    createInteraction: 'Record an interaction; the client’s lastInteractionAt moves forward to it',
    listNotes: 'Notes on a client, newest first',
    createNote: 'Write a note on a client; the author is the current user',
  },
}) {
  readonly activity: ActivityOwner;

  constructor(interactions: InteractionsService, notes: NotesService) {
    super();
    this.activity = {
      listInteractions: (scope, clientId) => interactions.list(scope, clientId),
      createInteraction: (scope, clientId, user, dto) => interactions.create(scope, clientId, user, dto),
      listNotes: (scope, clientId) => notes.list(scope, clientId),
      createNote: (scope, clientId, user, dto) => notes.create(scope, clientId, user, dto),
    };
  }
}
