import * as contracts from '@crm/shared/contracts';
import * as web from './validation';

describe('client-side validation constants', () => {
  it('match the shared contract exactly', () => {
    expect(web.LOGIN_PATTERN.source).toBe(contracts.LOGIN_PATTERN.source);
    expect(web.LOGIN_PATTERN.flags).toBe(contracts.LOGIN_PATTERN.flags);
    expect(web.LOGIN_MIN_LENGTH).toBe(contracts.LOGIN_MIN_LENGTH);
    expect(web.LOGIN_MAX_LENGTH).toBe(contracts.LOGIN_MAX_LENGTH);
    expect(web.PASSWORD_MIN_LENGTH).toBe(contracts.PASSWORD_MIN_LENGTH);
    expect(web.PASSWORD_MAX_LENGTH).toBe(contracts.PASSWORD_MAX_LENGTH);
    expect(web.COMPANY_NAME_MAX_LENGTH).toBe(contracts.COMPANY_NAME_MAX_LENGTH);
    expect(web.API_KEY_NAME_MAX_LENGTH).toBe(contracts.API_KEY_NAME_MAX_LENGTH);
    expect([...web.COMPANY_ROLES]).toEqual([...contracts.COMPANY_ROLES]);
    expect([...web.MANAGER_ROLES]).toEqual([...contracts.MANAGER_ROLES]);
  });

  it('accepts Cyrillic logins and refuses spaces', () => {
    expect(web.LOGIN_PATTERN.test('анна.петрова')).toBe(true);
    expect(web.LOGIN_PATTERN.test('anna petrova')).toBe(false);
    expect(web.LOGIN_PATTERN.test('an')).toBe(false);
  });
});
