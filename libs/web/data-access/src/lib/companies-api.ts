import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CompanyResponse,
  CreatedCompanyResponse,
  CreateCompanyDto,
  UpdateCompanyDto,
} from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/** `/api/companies` and `/api/companies/:companyId`. */
@Injectable({ providedIn: 'root' })
export class CompaniesApi {
  private readonly http = inject(HttpClient);

  create(body: CreateCompanyDto): Observable<CreatedCompanyResponse> {
    return this.http.post<CreatedCompanyResponse>('/api/companies', body);
  }

  get(companyId: string): Observable<CompanyResponse> {
    return this.http.get<CompanyResponse>(`/api/companies/${encodeURIComponent(companyId)}`);
  }

  /** Owner/admin only. Omitted fields keep their value. */
  update(companyId: string, body: UpdateCompanyDto): Observable<CompanyResponse> {
    return this.http.patch<CompanyResponse>(`/api/companies/${encodeURIComponent(companyId)}`, body);
  }
}
