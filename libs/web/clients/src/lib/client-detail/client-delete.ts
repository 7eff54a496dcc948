import { HttpErrorResponse } from '@angular/common/http';
import type { ClientDeletionLossResponse } from '@crm/shared/contracts';
import type { ConfirmDialogData } from '@crm/web/ui';
import { catchError, map, type Observable, of, switchMap, throwError } from 'rxjs';

export interface ClientDeleteDeps {
  /** `DELETE /clients/:id`, with `?confirm=true` when `confirm`. */
  remove(confirm: boolean): Observable<void>;
  /** Shows a confirm dialog; emits whether the user confirmed. */
  ask(data: ConfirmDialogData): Observable<boolean>;
  /** The first question ("delete X?"). */
  question: ConfirmDialogData;
  /** The second question, naming what else would be lost. */
  lossQuestion(loss: ClientDeletionLossResponse): ConfirmDialogData;
}

/** The `wouldDelete` of a 409 answer, or null when the error is something else. */
export function deletionLoss(error: unknown): ClientDeletionLossResponse | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 409) return null;
  const body: unknown = error.error;
  if (typeof body !== 'object' || body === null || !('wouldDelete' in body)) return null;
  const loss = (body as { wouldDelete: unknown }).wouldDelete;
  return typeof loss === 'object' && loss !== null ? (loss as ClientDeletionLossResponse) : null;
}

/**
 * Ask → DELETE → on 409 say what would be lost (sales, revenue, interactions, notes) and ask again →
 * DELETE `?confirm=true`. Emits `true` once deleted, `false` when the user backed out; other
 * errors propagate.
 */
export function deleteClientFlow(deps: ClientDeleteDeps): Observable<boolean> {
  return deps.ask(deps.question).pipe(
    switchMap((confirmed) => {
      if (!confirmed) return of(false);
      return deps.remove(false).pipe(
        map(() => true),
        catchError((error: unknown) => {
          const loss = deletionLoss(error);
          if (!loss) return throwError(() => error);
          return deps
            .ask(deps.lossQuestion(loss))
            .pipe(switchMap((sure) => (sure ? deps.remove(true).pipe(map(() => true)) : of(false))));
        }),
      );
    }),
  );
}
