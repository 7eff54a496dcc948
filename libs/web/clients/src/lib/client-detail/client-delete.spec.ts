import { HttpErrorResponse } from '@angular/common/http';
import type { ClientDeletionLossResponse } from '@crm/shared/contracts';
import type { ConfirmDialogData } from '@crm/web/ui';
import { firstValueFrom, of, throwError } from 'rxjs';
import { type ClientDeleteDeps, deleteClientFlow, deletionLoss } from './client-delete';

const loss: ClientDeletionLossResponse = {
  sales: 12,
  revenue: [{ currency: 'RUB', amount: '125000.00' }],
  interactions: 4,
  notes: 2,
};
const conflict = new HttpErrorResponse({
  status: 409,
  error: { statusCode: 409, error: 'Conflict', message: 'has sales', wouldDelete: loss },
});

function deps(answers: boolean[], removeResults: Array<'ok' | 'conflict' | 'fail'>) {
  const asked: ConfirmDialogData[] = [];
  const removed: boolean[] = [];
  const d: ClientDeleteDeps = {
    question: { title: 'Delete Анна?', text: '', confirm: 'Delete' },
    lossQuestion: (l) => ({ title: 'Has sales', text: `${l.sales} sales`, confirm: 'Delete with sales' }),
    ask: (data) => {
      asked.push(data);
      return of(answers.shift() ?? false);
    },
    remove: (confirm) => {
      removed.push(confirm);
      const result = removeResults.shift();
      if (result === 'ok') return of(undefined);
      if (result === 'conflict') return throwError(() => conflict);
      return throwError(() => new HttpErrorResponse({ status: 500 }));
    },
  };
  return { d, asked, removed };
}

describe('deleting a client', () => {
  it('deletes a client without sales after one confirmation', async () => {
    const { d, asked, removed } = deps([true], ['ok']);
    await expect(firstValueFrom(deleteClientFlow(d))).resolves.toBe(true);
    expect(removed).toEqual([false]);
    expect(asked).toHaveLength(1);
  });

  it('sends nothing when the user cancels the first question', async () => {
    const { d, removed } = deps([false], []);
    await expect(firstValueFrom(deleteClientFlow(d))).resolves.toBe(false);
    expect(removed).toEqual([]);
  });

  it('on 409 names what would be lost and repeats with confirm=true only after a second yes', async () => {
    const { d, asked, removed } = deps([true, true], ['conflict', 'ok']);
    await expect(firstValueFrom(deleteClientFlow(d))).resolves.toBe(true);
    expect(removed).toEqual([false, true]);
    expect(asked[1]).toEqual({ title: 'Has sales', text: '12 sales', confirm: 'Delete with sales' });
  });

  it('keeps the client when the user backs out after seeing the loss', async () => {
    const { d, removed } = deps([true, false], ['conflict']);
    await expect(firstValueFrom(deleteClientFlow(d))).resolves.toBe(false);
    expect(removed).toEqual([false]);
  });

  it('lets other failures through to the caller', async () => {
    const { d } = deps([true], ['fail']);
    await expect(firstValueFrom(deleteClientFlow(d))).rejects.toBeInstanceOf(HttpErrorResponse);
  });

  it('reads wouldDelete only from a 409', () => {
    expect(deletionLoss(conflict)).toEqual(loss);
    expect(deletionLoss(new HttpErrorResponse({ status: 404, error: { wouldDelete: loss } }))).toBeNull();
    expect(deletionLoss(new Error('x'))).toBeNull();
  });
});
