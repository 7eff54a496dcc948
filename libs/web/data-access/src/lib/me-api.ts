import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { MeResponse } from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/** `GET /api/me`: who is signed in and in which companies. */
@Injectable({ providedIn: 'root' })
export class MeApi {
  private readonly http = inject(HttpClient);

  get(): Observable<MeResponse> {
    return this.http.get<MeResponse>('/api/me');
  }
}
