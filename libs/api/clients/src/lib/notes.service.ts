import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@crm/api/core';
import type { CreateNoteDto, NoteResponse } from '@crm/shared/contracts';
import { ClientEntries, entryBase, type ClientEntryRow } from './client-entries';
import { ClientsService } from './clients.service';

interface NoteRow extends ClientEntryRow {
  text: string;
}

/** Notes on a client, written by the current user. */
@Injectable()
export class NotesService extends ClientEntries<CreateNoteDto, NoteRow, NoteResponse> {
  constructor(tenantDb: TenantDatabase, clients: ClientsService) {
    super(tenantDb, clients, {
      table: 'notes',
      columns: 'e.text',
      orderBy: 'e.created_at DESC, e.id',
      insert: { columns: ['text'], values: (dto) => [dto.text] },
      toResponse: (row) => {
        const { author, createdAt, ...rest } = entryBase(row);
        return { ...rest, text: row.text, author, createdAt };
      },
    });
  }
}
