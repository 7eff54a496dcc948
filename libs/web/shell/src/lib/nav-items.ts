import type { TranslationKey } from '@crm/web/i18n';

export interface NavItem {
  path: string;
  icon: string;
  label: TranslationKey;
  /** Start is only active on `/` itself, not on every page. */
  exact: boolean;
}

/** The sections that exist; a new feature adds its line here and its route in app.routes.ts. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', icon: 'home', label: 'nav.start', exact: true },
  { path: '/clients', icon: 'person', label: 'nav.clients', exact: false },
  { path: '/sales', icon: 'receipt', label: 'nav.sales', exact: false },
  { path: '/imports', icon: 'upload', label: 'nav.imports', exact: false },
  { path: '/keys', icon: 'key', label: 'nav.apiKeys', exact: false },
  { path: '/company', icon: 'group', label: 'nav.company', exact: false },
];
