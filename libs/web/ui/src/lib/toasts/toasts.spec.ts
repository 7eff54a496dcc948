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
});
