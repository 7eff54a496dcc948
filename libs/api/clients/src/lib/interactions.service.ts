import { Injectable } from '@nestjs/common';
import { iso, TenantDatabase } from '@crm/api/core';
import type { CreateInteractionDto, InteractionResponse, InteractionType } from '@crm/shared/contracts';
import { ClientEntries, entryBase, type ClientEntryRow } from './client-entries';
import { ClientsService } from './clients.service';

interface InteractionRow extends ClientEntryRow {
  type: InteractionType;
  occurredAt: Date;
  summary: string;
}

/** Calls, emails, meetings... of a client; each moves the client's lastInteractionAt forward. */
@Injectable()
export class InteractionsService extends ClientEntries<CreateInteractionDto, InteractionRow, InteractionResponse> {
  constructor(tenantDb: TenantDatabase, clients: ClientsService) {
    super(tenantDb, clients, {
      table: 'interactions',
      columns: 'e.type, e.occurred_at AS "occurredAt", e.summary',
      orderBy: 'e.occurred_at DESC, e.id',
      insert: { columns: ['type', 'occurred_at', 'summary'], values: (dto) => [dto.type, dto.occurredAt, dto.summary] },
      toResponse: (row) => {
        const { id, clientId, dealId, dealTitle, author, createdAt } = entryBase(row);
        return {
          id,
          clientId,
          dealId,
          dealTitle,
          type: row.type,
          occurredAt: iso(row.occurredAt) as string,
          summary: row.summary,
          author,
          createdAt,
        };
      },
      afterInsert: async (m, scope, clientId, dto) => {
        await m.query(
          `UPDATE clients SET last_interaction_at = $3
            WHERE company_id = $1 AND id = $2 AND (last_interaction_at IS NULL OR last_interaction_at < $3)`,
          [scope.companyId, clientId, dto.occurredAt],
        );
      },
    });
  }
}
