import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateTaskDto, TaskPageResponse, TaskResponse, UpdateTaskDto } from '@crm/shared/contracts';
import type { Observable } from 'rxjs';
import { type ApiParams, toHttpParams } from './http-params';

/** `/api/companies/:companyId/tasks`. */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, taskId?: string): string {
    const base = `/api/companies/${encodeURIComponent(companyId)}/tasks`;
    return taskId ? `${base}/${encodeURIComponent(taskId)}` : base;
  }

  /** `?assigneeId&dealId&clientId&due=overdue|today|week&done&page&pageSize&sort`. */
  list(companyId: string, query: ApiParams): Observable<TaskPageResponse> {
    return this.http.get<TaskPageResponse>(this.url(companyId), { params: toHttpParams(query) });
  }

  create(companyId: string, body: CreateTaskDto): Observable<TaskResponse> {
    return this.http.post<TaskResponse>(this.url(companyId), body);
  }

  update(companyId: string, taskId: string, body: UpdateTaskDto): Observable<TaskResponse> {
    return this.http.patch<TaskResponse>(this.url(companyId, taskId), body);
  }

  remove(companyId: string, taskId: string): Observable<void> {
    return this.http.delete<void>(this.url(companyId, taskId));
  }
}
