import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AddMemberDto, CompanyRole, InvitationResponse, MemberResponse } from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/** `/api/companies/:companyId/members`. */
@Injectable({ providedIn: 'root' })
export class MembersApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, userId?: string): string {
    const base = `/api/companies/${encodeURIComponent(companyId)}/members`;
    return userId ? `${base}/${encodeURIComponent(userId)}` : base;
  }

  list(companyId: string): Observable<MemberResponse[]> {
    return this.http.get<MemberResponse[]>(this.url(companyId));
  }

  /**
   * Invites a login (owner/admin only): the answer is an invitation, the same whether or not the
   * login is registered; 409 when it is a member already.
   */
  add(companyId: string, body: AddMemberDto): Observable<InvitationResponse> {
    return this.http.post<InvitationResponse>(this.url(companyId), body);
  }

  /** 409 when it would leave the company without an owner. */
  changeRole(companyId: string, userId: string, role: CompanyRole): Observable<MemberResponse> {
    return this.http.patch<MemberResponse>(this.url(companyId, userId), { role });
  }

  /** 409 when it would leave the company without an owner. */
  remove(companyId: string, userId: string): Observable<void> {
    return this.http.delete<void>(this.url(companyId, userId));
  }
}
