import type { ClientResponse, ClientSummaryResponse } from '@crm/shared/contracts';
import { iso } from '@crm/api/core';

/** The columns of a client response, for `SELECT ${CLIENT_COLUMNS} FROM clients c`. */
export const CLIENT_COLUMNS = `c.id, c.external_id AS "externalId", c.email, c.name, c.phone, c.activity, c.attributes,
  c.last_interaction_at AS "lastInteractionAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export interface ClientRow {
  id: string;
  externalId: string | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  activity: string | null;
  attributes: Record<string, unknown> | null;
  lastInteractionAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toClientResponse(row: ClientRow): ClientResponse {
  return {
    id: row.id,
    externalId: row.externalId,
    email: row.email,
    name: row.name,
    phone: row.phone,
    activity: row.activity,
    attributes: row.attributes,
    lastInteractionAt: iso(row.lastInteractionAt),
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
  };
}

export function toClientSummary(row: Pick<ClientRow, 'id' | 'externalId' | 'email' | 'name'>): ClientSummaryResponse {
  return { id: row.id, externalId: row.externalId, email: row.email, name: row.name };
}
