import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { openConfirm } from './confirm-dialog';

describe('openConfirm', () => {
  const data = { title: 'Отозвать ключ «Магазин»?', text: 'Ключ перестанет работать сразу.', confirm: 'Отозвать' };

  function buttons(): HTMLButtonElement[] {
    return Array.from(document.querySelectorAll<HTMLButtonElement>('crm-confirm-dialog button'));
  }

  it('spells out the consequence and answers true on confirm', async () => {
    const answer = firstValueFrom(openConfirm(TestBed.inject(MatDialog), data));
    await TestBed.inject(MatDialog).openDialogs[0].afterOpened().toPromise();
    expect(document.querySelector('crm-confirm-dialog')?.textContent).toContain('Ключ перестанет работать сразу.');

    buttons()
      .find((button) => button.textContent?.includes('Отозвать'))
      ?.click();
    expect(await answer).toBe(true);
  });

  it('answers false on cancel', async () => {
    const answer = firstValueFrom(openConfirm(TestBed.inject(MatDialog), data));
    await TestBed.inject(MatDialog).openDialogs[0].afterOpened().toPromise();

    buttons()
      .find((button) => button.textContent?.includes('Отмена'))
      ?.click();
    expect(await answer).toBe(false);
  });
});
