/**
 * The demo account: user, company, exchange rates and API key, each created only when missing
 * so that running the seed again changes nothing.
 */
import { type CompanyListItem, CrmApi, registerOrLogin } from './integration-api';

export const DEMO_LOGIN = 'demo';
export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_COMPANY_NAME = 'Demo Retail (UCI Online Retail)';
export const DEMO_API_KEY_NAME = 'Demo data loader';

/** The data's currency and clock: the retailer is in the UK. */
export const DEMO_COMPANY_SETTINGS = { baseCurrency: 'GBP', timeZone: 'Europe/London' };

/**
 * Rates to the base currency (GBP per 1 unit), so that analytics can also be shown in RUB, USD and
 * EUR. Approximate 2011 averages, rounded: illustrative figures, not an official source.
 */
export const DEMO_EXCHANGE_RATES = [
  { currency: 'RUB', rate: '0.0213', validFrom: '2010-12-01' },
  { currency: 'USD', rate: '0.6235', validFrom: '2010-12-01' },
  { currency: 'EUR', rate: '0.8675', validFrom: '2010-12-01' },
];

export interface DemoAccount {
  /** API authenticated as the demo user. */
  user: CrmApi;
  companyId: string;
  registered: boolean;
  companyCreated: boolean;
}

interface ApiKeyListItem {
  id: string;
  name: string;
  revokedAt: string | null;
}

export async function ensureDemoAccount(api: CrmApi): Promise<DemoAccount> {
  const { token, registered } = await registerOrLogin(api, DEMO_LOGIN, DEMO_PASSWORD);
  const user = api.withBearer(token);
  const companies = await user.request<CompanyListItem[]>('GET', '/companies');
  let company = companies.find((c) => c.name === DEMO_COMPANY_NAME);
  const companyCreated = !company;
  company ??= await user.request<CompanyListItem>('POST', '/companies', { name: DEMO_COMPANY_NAME });
  await user.request('PATCH', `/companies/${company.id}`, DEMO_COMPANY_SETTINGS);
  return { user, companyId: company.id, registered, companyCreated };
}

/** Puts the demo rates when the exchange-rates API exists; says whether it did. */
export async function ensureExchangeRates(account: DemoAccount): Promise<boolean> {
  const path = `/companies/${account.companyId}/exchange-rates`;
  // We own the company, so a 404 can only mean that this API version has no such route.
  if ((await account.user.status('GET', path)) === 404) return false;
  await account.user.request('PUT', path, { rates: DEMO_EXCHANGE_RATES });
  return true;
}

/** The loader's API key: the existing one (revealed) or a new one. */
export async function ensureApiKey(account: DemoAccount): Promise<string> {
  const base = `/companies/${account.companyId}/api-keys`;
  const keys = await account.user.request<ApiKeyListItem[]>('GET', base);
  const existing = keys.find((k) => k.name === DEMO_API_KEY_NAME && k.revokedAt === null);
  if (existing) {
    const { key } = await account.user.request<{ key: string }>('GET', `${base}/${existing.id}/reveal`);
    return key;
  }
  const { key } = await account.user.request<{ key: string }>('POST', base, { name: DEMO_API_KEY_NAME });
  return key;
}
