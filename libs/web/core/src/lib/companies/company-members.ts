import { computed, inject, type Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { MemberResponse } from '@crm/shared/contracts';
import { MembersApi } from '@crm/web/data-access';
import { catchError, of } from 'rxjs';
import { CompanyContext } from './company-context';

/**
 * A company's members (the active company's unless told) for owner and assignee pickers and for
 * naming who did what: empty while they load, without a company, or when the list cannot be read.
 * Call it in an injection context (a field).
 */
export function companyMembers(companyId?: () => string | null | undefined): Signal<MemberResponse[]> {
  const api = inject(MembersApi);
  const context = inject(CompanyContext);
  const id = companyId ?? (() => context.activeId());
  const members = rxResource({
    params: () => id() || undefined,
    stream: ({ params }) => api.list(params).pipe(catchError(() => of<MemberResponse[]>([]))),
  });
  return computed(() => (members.hasValue() ? members.value() : []));
}
