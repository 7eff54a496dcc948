import type { MatDialog } from '@angular/material/dialog';
import type { DealResponse, MoveDealDto, StageResponse } from '@crm/shared/contracts';
import { map, type Observable, of } from 'rxjs';
import { LostReasonDialog, type LostReasonDialogData } from './lost-reason-dialog';
import { WonDialog, type WonDialogData } from './won-dialog';

/**
 * What a move of `deal` to `stage` sends, after asking what the stage needs: the lost reason for a
 * lost stage, whether to create the sale for a won one. Emits null when the user cancelled.
 */
export function askMove(dialog: MatDialog, deal: DealResponse, stage: StageResponse): Observable<MoveDealDto | null> {
  if (stage.kind === 'lost') {
    return dialog
      .open<LostReasonDialog, LostReasonDialogData, string>(LostReasonDialog, {
        data: { dealTitle: deal.title },
        width: '480px',
        maxWidth: '94vw',
      })
      .afterClosed()
      .pipe(map((reason) => (reason ? { stageId: stage.id, lostReason: reason } : null)));
  }
  if (stage.kind === 'won' && !deal.saleId) {
    return dialog
      .open<WonDialog, WonDialogData, boolean>(WonDialog, {
        data: { dealTitle: deal.title, amount: deal.amount, currency: deal.currency },
        width: '480px',
        maxWidth: '94vw',
      })
      .afterClosed()
      .pipe(map((createSale) => (createSale === undefined ? null : { stageId: stage.id, createSale })));
  }
  return of({ stageId: stage.id });
}
