import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ClientRecommendationsResponse,
  ClientOutlookResponse,
  ClientPageResponse,
  ClientResponse,
  CreateClientDto,
  CreateInteractionDto,
  CreateNoteDto,
  InteractionResponse,
  NoteResponse,
  SalePageResponse,
  UpdateClientDto,
} from '@crm/shared/contracts';
import type { Observable } from 'rxjs';
import { type ApiParams, toHttpParams } from './http-params';

/** `/api/companies/:companyId/clients` and what hangs off one client. */
@Injectable({ providedIn: 'root' })
export class ClientsApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, clientId?: string): string {
    const base = `/api/companies/${encodeURIComponent(companyId)}/clients`;
    return clientId ? `${base}/${encodeURIComponent(clientId)}` : base;
  }

  list(companyId: string, params: ApiParams): Observable<ClientPageResponse> {
    return this.http.get<ClientPageResponse>(this.url(companyId), { params: toHttpParams(params) });
  }

  get(companyId: string, clientId: string): Observable<ClientResponse> {
    return this.http.get<ClientResponse>(this.url(companyId, clientId));
  }

  create(companyId: string, body: CreateClientDto): Observable<ClientResponse> {
    return this.http.post<ClientResponse>(this.url(companyId), body);
  }

  update(companyId: string, clientId: string, body: UpdateClientDto): Observable<ClientResponse> {
    return this.http.patch<ClientResponse>(this.url(companyId, clientId), body);
  }

  /** 409 with `wouldDelete` for a client with sales unless `confirm` is true. */
  remove(companyId: string, clientId: string, confirm = false): Observable<void> {
    const params = confirm ? new HttpParams().set('confirm', 'true') : undefined;
    return this.http.delete<void>(this.url(companyId, clientId), { params });
  }

  /** Newest first. */
  interactions(companyId: string, clientId: string): Observable<InteractionResponse[]> {
    return this.http.get<InteractionResponse[]>(`${this.url(companyId, clientId)}/interactions`);
  }

  addInteraction(companyId: string, clientId: string, body: CreateInteractionDto): Observable<InteractionResponse> {
    return this.http.post<InteractionResponse>(`${this.url(companyId, clientId)}/interactions`, body);
  }

  notes(companyId: string, clientId: string): Observable<NoteResponse[]> {
    return this.http.get<NoteResponse[]>(`${this.url(companyId, clientId)}/notes`);
  }

  addNote(companyId: string, clientId: string, body: CreateNoteDto): Observable<NoteResponse> {
    return this.http.post<NoteResponse>(`${this.url(companyId, clientId)}/notes`, body);
  }

  /** The purchase history, newest first. */
  sales(companyId: string, clientId: string, page = 1, pageSize = 50): Observable<SalePageResponse> {
    return this.http.get<SalePageResponse>(`${this.url(companyId, clientId)}/sales`, {
      params: toHttpParams({ page, pageSize, sort: '-soldAt' }),
    });
  }

  /** `clients/:clientId/recommendations`: the assistant's advice on this client, with reasons. */
  recommendations(companyId: string, clientId: string, locale: string): Observable<ClientRecommendationsResponse> {
    return this.http.get<ClientRecommendationsResponse>(
      `/api/companies/${encodeURIComponent(companyId)}/clients/${encodeURIComponent(clientId)}/recommendations`,
      { params: { locale } },
    );
  }

  /** `analytics/clients/:clientId/outlook`; may be absent on older servers (404). */
  outlook(companyId: string, clientId: string): Observable<ClientOutlookResponse> {
    return this.http.get<ClientOutlookResponse>(
      `/api/companies/${encodeURIComponent(companyId)}/analytics/clients/${encodeURIComponent(clientId)}/outlook`,
    );
  }
}
