import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CompanyMembershipResponse, InvitationResponse, MyInvitationResponse } from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/**
 * Invitations: the company's pending ones (`/api/companies/:companyId/invitations`, owner/admin;
 * `POST .../members` creates one) and the signed-in user's own (`/api/me/invitations`).
 */
@Injectable({ providedIn: 'root' })
export class InvitationsApi {
  private readonly http = inject(HttpClient);

  private companyUrl(companyId: string): string {
    return `/api/companies/${encodeURIComponent(companyId)}/invitations`;
  }

  listForCompany(companyId: string): Observable<InvitationResponse[]> {
    return this.http.get<InvitationResponse[]>(this.companyUrl(companyId));
  }

  revoke(companyId: string, invitationId: string): Observable<void> {
    return this.http.delete<void>(`${this.companyUrl(companyId)}/${encodeURIComponent(invitationId)}`);
  }

  mine(): Observable<MyInvitationResponse[]> {
    return this.http.get<MyInvitationResponse[]>('/api/me/invitations');
  }

  accept(invitationId: string): Observable<CompanyMembershipResponse> {
    return this.http.post<CompanyMembershipResponse>(
      `/api/me/invitations/${encodeURIComponent(invitationId)}/accept`,
      {},
    );
  }

  decline(invitationId: string): Observable<void> {
    return this.http.post<void>(`/api/me/invitations/${encodeURIComponent(invitationId)}/decline`, {});
  }
}
