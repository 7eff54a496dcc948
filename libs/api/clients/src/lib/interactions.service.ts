import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AuthenticatedUser, type CompanyScope, iso, lockCompanyWrites, queryRows } from '@crm/api/core';
import type { CreateInteractionDto, InteractionResponse, InteractionType } from '@crm/shared/contracts';
import { DataSource } from 'typeorm';
import { ClientsService } from './clients.service';

interface InteractionRow {
  id: string;
  clientId: string;
  type: InteractionType;
  occurredAt: Date;
  summary: string;
  authorId: string | null;
  authorLogin: string | null;
  createdAt: Date;
}

const SELECT = `SELECT i.id, i.client_id AS "clientId", i.type, i.occurred_at AS "occurredAt", i.summary,
       i.author_id AS "authorId", u.login AS "authorLogin", i.created_at AS "createdAt"
  FROM interactions i LEFT JOIN users u ON u.id = i.author_id`;

function toResponse(row: InteractionRow): InteractionResponse {
  return {
    id: row.id,
    clientId: row.clientId,
    type: row.type,
    occurredAt: iso(row.occurredAt) as string,
    summary: row.summary,
    author: row.authorId ? { id: row.authorId, login: row.authorLogin ?? '' } : null,
    createdAt: iso(row.createdAt) as string,
  };
}

/** Calls, emails, meetings... of a client; each moves the client's lastInteractionAt forward. */
@Injectable()
export class InteractionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsService,
  ) {}

  /** Newest first. 404 for a client of another company. */
  async list(scope: CompanyScope, clientId: string): Promise<InteractionResponse[]> {
    await this.clients.get(scope, clientId);
    const rows = await queryRows<InteractionRow>(
      this.dataSource.manager,
      `${SELECT} WHERE i.company_id = $1 AND i.client_id = $2 ORDER BY i.occurred_at DESC, i.id`,
      [scope.companyId, clientId],
    );
    return rows.map(toResponse);
  }

  async create(
    scope: CompanyScope,
    clientId: string,
    author: AuthenticatedUser,
    dto: CreateInteractionDto,
  ): Promise<InteractionResponse> {
    return this.dataSource.transaction(async (m) => {
      await lockCompanyWrites(m, scope.companyId);
      await this.clients.get(scope, clientId, m, true);
      const [{ id }] = await queryRows<{ id: string }>(
        m,
        `INSERT INTO interactions (company_id, client_id, type, occurred_at, summary, author_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [scope.companyId, clientId, dto.type, dto.occurredAt, dto.summary, author.id],
      );
      await m.query(
        `UPDATE clients SET last_interaction_at = $3
          WHERE company_id = $1 AND id = $2 AND (last_interaction_at IS NULL OR last_interaction_at < $3)`,
        [scope.companyId, clientId, dto.occurredAt],
      );
      const [row] = await queryRows<InteractionRow>(m, `${SELECT} WHERE i.company_id = $1 AND i.id = $2`, [
        scope.companyId,
        id,
      ]);
      return toResponse(row);
    });
  }
}
