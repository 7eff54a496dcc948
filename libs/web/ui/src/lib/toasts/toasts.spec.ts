import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { I18n } from '@crm/web/i18n';
import { Toasts } from './toasts';

describe('Toasts', () => {
  it('says a failure in the app language with "Close", for 6 s unless told', () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    TestBed.inject(I18n).use('en');
    const open = jest.spyOn(TestBed.inject(MatSnackBar), 'open');
    const toasts = TestBed.inject(Toasts);
    const failure = new HttpErrorResponse({ status: 0 });

    toasts.failed(failure);
    toasts.failed(failure, 8000);

    const [first, second] = open.mock.calls;
    expect(first[0]).toBeTruthy();
    expect(first[1]).toBe('Close');
    expect(first[2]).toEqual({ duration: 6000 });
    expect(second[2]).toEqual({ duration: 8000 });
  });

  it('says what was done for 3 s unless told, and what failed with why', () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    TestBed.inject(I18n).use('en');
    const open = jest.spyOn(TestBed.inject(MatSnackBar), 'open');
    const toasts = TestBed.inject(Toasts);

    toasts.said('Saved');
    toasts.said('Deleted', 4000);
    toasts.failedTo('deals.moveFailed', new HttpErrorResponse({ status: 0 }));

    expect(open.mock.calls[0]).toEqual(['Saved', undefined, { duration: 3000 }]);
    expect(open.mock.calls[1]).toEqual(['Deleted', undefined, { duration: 4000 }]);
    expect(open.mock.calls[2][0]).toMatch(new RegExp(`^${TestBed.inject(I18n).t('deals.moveFailed')}: .+`));
    expect(open.mock.calls[2][1]).toBe('Close');
  });
});
