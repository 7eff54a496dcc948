import { TestBed } from '@angular/core/testing';
import type { ImportPreviewRowResponse } from '@crm/shared/contracts';
import { I18n } from '@crm/web/i18n';
import { previewRowErrors } from './import-fields';

const row = (details: ImportPreviewRowResponse['details'], errors: string[]): ImportPreviewRowResponse => ({
  lines: [4],
  record: {},
  errors,
  details,
});

describe('import preview errors', () => {
  beforeEach(() => localStorage.clear());

  it('shows the reasons in Russian by their rule codes, fields by their labels', () => {
    const i18n = TestBed.inject(I18n);
    const bad = row(
      [
        { field: 'email', messages: ['email must look like name@domain'], codes: ['isEmail'] },
        {
          field: 'clientExternalId',
          messages: ['clientExternalId is not a client of this company'],
          codes: ['unknownClient'],
        },
      ],
      ['email must look like name@domain', 'clientExternalId is not a client of this company'],
    );
    expect(previewRowErrors(bad, i18n)).toBe(
      'Поле «E-mail»: некорректный адрес e-mail; Поле «Внешний ID клиента»: клиента с таким внешним ID нет в компании',
    );
    i18n.use('en');
    expect(previewRowErrors(bad, i18n)).toBe(
      'Field “Email”: is not a valid e-mail address; Field “Client external ID”: no client of the company has this external ID',
    );
  });

  it("keeps the server's words for a reason without a known code", () => {
    const i18n = TestBed.inject(I18n);
    expect(previewRowErrors(row([{ field: 'record', messages: ['something new'] }], ['something new']), i18n)).toBe(
      'something new',
    );
    expect(previewRowErrors(row([], []), i18n)).toBe('');
  });
});
