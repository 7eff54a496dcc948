import { Injectable } from '@nestjs/common';
import { InteractionsService, NotesService } from '@crm/api/clients';
import { type AuthenticatedUser, type CompanyScope, queryRows, TenantDatabase } from '@crm/api/core';
import type { CreateInteractionDto, CreateNoteDto, InteractionResponse, NoteResponse } from '@crm/shared/contracts';
import type { EntityManager } from 'typeorm';
import { dealNotFound } from '../ids';

/**
 * Notes and interactions on a deal. They are the client's notes and interactions with the deal's
 * id (one table each, ADR 0008): written about the deal's client, they show on the deal's timeline
 * and on the client's; an interaction moves the client's `lastInteractionAt` like any other.
 */
@Injectable()
export class DealActivityService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly notes: NotesService,
    private readonly interactions: InteractionsService,
  ) {}

  /** Newest first; 404 for a deal of another company. */
  listNotes(scope: CompanyScope, dealId: string): Promise<NoteResponse[]> {
    return this.tenantDb.run(scope, async (m) => {
      await this.clientOf(m, scope, dealId, false);
      return this.notes.listOfDeal(m, scope, dealId);
    });
  }

  /** Most recent first (by when they happened); 404 for a deal of another company. */
  listInteractions(scope: CompanyScope, dealId: string): Promise<InteractionResponse[]> {
    return this.tenantDb.run(scope, async (m) => {
      await this.clientOf(m, scope, dealId, false);
      return this.interactions.listOfDeal(m, scope, dealId);
    });
  }

  createNote(
    scope: CompanyScope,
    dealId: string,
    author: AuthenticatedUser,
    dto: CreateNoteDto,
  ): Promise<NoteResponse> {
    return this.tenantDb.run(
      scope,
      async (m) => {
        const clientId = await this.clientOf(m, scope, dealId);
        return this.notes.insert(m, scope, { clientId, dealId }, author, dto);
      },
      this.notes.writeOptions(scope),
    );
  }

  createInteraction(
    scope: CompanyScope,
    dealId: string,
    author: AuthenticatedUser,
    dto: CreateInteractionDto,
  ): Promise<InteractionResponse> {
    return this.tenantDb.run(
      scope,
      async (m) => {
        const clientId = await this.clientOf(m, scope, dealId);
        return this.interactions.insert(m, scope, { clientId, dealId }, author, dto);
      },
      this.interactions.writeOptions(scope),
    );
  }

  /**
   * The deal's client; 404 when there is no such deal. For a write the deal is share-locked for the
   * rest of the transaction, so it is not deleted (nor given another client) before the entry is written.
   */
  private async clientOf(m: EntityManager, scope: CompanyScope, dealId: string, lock = true): Promise<string> {
    const [deal] = await queryRows<{ clientId: string }>(
      m,
      `SELECT client_id AS "clientId" FROM deals WHERE company_id = $1 AND id = $2${lock ? ' FOR SHARE' : ''}`,
      [scope.companyId, dealId],
    );
    if (!deal) throw dealNotFound();
    return deal.clientId;
  }
}
