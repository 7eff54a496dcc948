import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AuthenticatedUser, type CompanyScope, iso, queryRows } from '@crm/api/core';
import type { CreateNoteDto, NoteResponse } from '@crm/shared/contracts';
import { DataSource } from 'typeorm';
import { ClientsService } from './clients.service';

interface NoteRow {
  id: string;
  clientId: string;
  text: string;
  authorId: string | null;
  authorLogin: string | null;
  createdAt: Date;
}

const SELECT = `SELECT n.id, n.client_id AS "clientId", n.text, n.author_id AS "authorId",
       u.login AS "authorLogin", n.created_at AS "createdAt"
  FROM notes n LEFT JOIN users u ON u.id = n.author_id`;

function toResponse(row: NoteRow): NoteResponse {
  return {
    id: row.id,
    clientId: row.clientId,
    text: row.text,
    author: row.authorId ? { id: row.authorId, login: row.authorLogin ?? '' } : null,
    createdAt: iso(row.createdAt) as string,
  };
}

/** Notes on a client, written by the current user. */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsService,
  ) {}

  /** Newest first. 404 for a client of another company. */
  async list(scope: CompanyScope, clientId: string): Promise<NoteResponse[]> {
    await this.clients.get(scope, clientId);
    const rows = await queryRows<NoteRow>(
      this.dataSource.manager,
      `${SELECT} WHERE n.company_id = $1 AND n.client_id = $2 ORDER BY n.created_at DESC, n.id`,
      [scope.companyId, clientId],
    );
    return rows.map(toResponse);
  }

  async create(
    scope: CompanyScope,
    clientId: string,
    author: AuthenticatedUser,
    dto: CreateNoteDto,
  ): Promise<NoteResponse> {
    return this.dataSource.transaction(async (m) => {
      await this.clients.get(scope, clientId, m, true);
      const [{ id }] = await queryRows<{ id: string }>(
        m,
        `INSERT INTO notes (company_id, client_id, text, author_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [scope.companyId, clientId, dto.text, author.id],
      );
      const [row] = await queryRows<NoteRow>(m, `${SELECT} WHERE n.company_id = $1 AND n.id = $2`, [
        scope.companyId,
        id,
      ]);
      return toResponse(row);
    });
  }
}
