import { Controller, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ActivityRoutes } from '@crm/api/clients';
import { CompanyRoute } from '@crm/api/companies';
import { StorableTextPipe } from '@crm/api/core';
import { dealIdPipe } from '../ids';
import { DealActivityService } from './deal-activity.service';

/** A deal's notes and interactions: the client's, with the deal's id; the client's timeline shows them too. */
@ApiTags('deals')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/deals/:dealId')
export class DealActivityController extends ActivityRoutes({
  param: 'dealId',
  pipe: dealIdPipe,
  summaries: {
    listInteractions: 'Interactions on a deal, most recent first',
    createInteraction:
      'Record an interaction on a deal: it is the deal client’s interaction too, and moves the client’s lastInteractionAt forward to it',
    listNotes: 'Notes on a deal, newest first',
    createNote: 'Write a note on a deal (shown on its client’s notes too); the author is the current user',
  },
}) {
  constructor(readonly activity: DealActivityService) {
    super();
  }
}
