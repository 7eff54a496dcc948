import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreateDealDto,
  CreateInteractionDto,
  CreateNoteDto,
  DealPageResponse,
  DealResponse,
  DealStageChangeResponse,
  InteractionResponse,
  MoveDealDto,
  NoteResponse,
  UpdateDealDto,
} from '@crm/shared/contracts';
import type { Observable } from 'rxjs';
import { type ApiParams, toHttpParams } from './http-params';

/** `/api/companies/:companyId/deals`. */
@Injectable({ providedIn: 'root' })
export class DealsApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, dealId?: string): string {
    const base = `/api/companies/${encodeURIComponent(companyId)}/deals`;
    return dealId ? `${base}/${encodeURIComponent(dealId)}` : base;
  }

  /** `?pipelineId&stageId&ownerId&clientId&q&expectedFrom&expectedTo&page&pageSize&sort`. */
  list(companyId: string, query: ApiParams): Observable<DealPageResponse> {
    return this.http.get<DealPageResponse>(this.url(companyId), { params: toHttpParams(query) });
  }

  get(companyId: string, dealId: string): Observable<DealResponse> {
    return this.http.get<DealResponse>(this.url(companyId, dealId));
  }

  create(companyId: string, body: CreateDealDto): Observable<DealResponse> {
    return this.http.post<DealResponse>(this.url(companyId), body);
  }

  update(companyId: string, dealId: string, body: UpdateDealDto): Observable<DealResponse> {
    return this.http.patch<DealResponse>(this.url(companyId, dealId), body);
  }

  remove(companyId: string, dealId: string): Observable<void> {
    return this.http.delete<void>(this.url(companyId, dealId));
  }

  /** A lost stage needs `lostReason`; a won stage with `createSale` creates the linked sale. */
  move(companyId: string, dealId: string, body: MoveDealDto): Observable<DealResponse> {
    return this.http.post<DealResponse>(`${this.url(companyId, dealId)}/move`, body);
  }

  /** Stage changes, oldest first. */
  history(companyId: string, dealId: string): Observable<DealStageChangeResponse[]> {
    return this.http.get<DealStageChangeResponse[]>(`${this.url(companyId, dealId)}/history`);
  }

  /** The deal's notes (its client's too), newest first. */
  notes(companyId: string, dealId: string): Observable<NoteResponse[]> {
    return this.http.get<NoteResponse[]>(`${this.url(companyId, dealId)}/notes`);
  }

  addNote(companyId: string, dealId: string, body: CreateNoteDto): Observable<NoteResponse> {
    return this.http.post<NoteResponse>(`${this.url(companyId, dealId)}/notes`, body);
  }

  /** The deal's interactions (its client's too), most recent first. */
  interactions(companyId: string, dealId: string): Observable<InteractionResponse[]> {
    return this.http.get<InteractionResponse[]>(`${this.url(companyId, dealId)}/interactions`);
  }

  /** Moves the deal client's lastInteractionAt forward, like a client's interaction. */
  addInteraction(companyId: string, dealId: string, body: CreateInteractionDto): Observable<InteractionResponse> {
    return this.http.post<InteractionResponse>(`${this.url(companyId, dealId)}/interactions`, body);
  }
}
