import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { I18n } from '@crm/web/i18n';
import { describeError, errorCode } from './api-error';

const answer = (status: number, body: unknown) => new HttpErrorResponse({ status, error: body });

describe('describeError', () => {
  let i18n: I18n;

  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(I18n);
  });

  it('translates a server error by its code instead of showing the English message', () => {
    const lastOwner = answer(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'A company must keep at least one owner',
      code: 'last_owner',
    });
    expect(describeError(lastOwner, i18n)).toBe('В компании должен остаться хотя бы один владелец.');
    i18n.use('en');
    expect(describeError(lastOwner, i18n)).toBe('A company must keep at least one owner.');
  });

  it('translates each refused field by its rule code', () => {
    const invalid = answer(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'email: email must be an email; name: name must be shorter than or equal to 200 characters',
      code: 'validation_failed',
      details: [
        { field: 'email', messages: ['email must be an email'], codes: ['isEmail'] },
        { field: 'name', messages: ['name must be shorter than or equal to 200 characters'], codes: ['maxLength'] },
      ],
    });
    expect(describeError(invalid, i18n)).toBe(
      'Поле «email»: некорректный адрес e-mail; Поле «name»: слишком длинное значение',
    );
  });

  it("falls back to the server's message for a code it does not know, and to the status without a body", () => {
    expect(describeError(answer(409, { message: 'Something new', code: 'brand_new_code' }), i18n)).toBe(
      'Something new',
    );
    expect(describeError(answer(404, null), i18n)).toBe('Не найдено. Возможно, запись уже удалена.');
    expect(describeError(answer(0, null), i18n)).toBe('Нет связи с сервером. Проверьте подключение и повторите.');
    expect(errorCode(answer(409, { code: 'last_owner' }))).toBe('last_owner');
  });
});
