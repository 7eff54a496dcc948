import type { TranslationKey } from '@crm/web/i18n';

export interface NavItem {
  path: string;
  icon: string;
  label: TranslationKey;
  /** Start is only active on `/` itself, not on every page. */
  exact: boolean;
  /** A page inside the section before it: indented in the side navigation, left out of the phone bar. */
  sub?: boolean;
  /** Left out of the phone's bottom bar, which has room for six labels at 360 px (the side navigation keeps it). */
  notOnPhone?: boolean;
}

/** The sections that exist; a new feature adds its line here and its route in app.routes.ts. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', icon: 'home', label: 'nav.start', exact: true },
  { path: '/clients', icon: 'person', label: 'nav.clients', exact: false },
  { path: '/deals', icon: 'view-week', label: 'nav.deals', exact: false },
  { path: '/sales', icon: 'receipt', label: 'nav.sales', exact: false },
  { path: '/tasks', icon: 'task-alt', label: 'nav.tasks', exact: false },
  // Deals and tasks are what a salesperson opens on a phone; reports and the key stay on the start screen's tiles.
  { path: '/reports', icon: 'assessment', label: 'nav.reports', exact: false, notOnPhone: true },
  // Uploading files is a desk task; on a phone the bar gives its place to reports.
  { path: '/imports', icon: 'upload', label: 'nav.imports', exact: false, notOnPhone: true },
  // The assistant opens from the top bar on every screen; the phone bar keeps its place.
  { path: '/assistant', icon: 'insights', label: 'assistant.nav', exact: false, notOnPhone: true },
  { path: '/keys', icon: 'key', label: 'nav.apiKeys', exact: false, notOnPhone: true },
  { path: '/company', icon: 'group', label: 'nav.company', exact: false },
  { path: '/company/rates', icon: 'currency-exchange', label: 'rates.nav', exact: false, sub: true },
];

/** The phone's bottom bar has room for the sections only. */
export const BOTTOM_BAR_ITEMS = NAV_ITEMS.filter((item) => !item.sub && !item.notOnPhone);

/** In the side navigation a section with its own sub-pages is active on its page only. */
export function exactInSideNav(item: NavItem): boolean {
  return item.exact || NAV_ITEMS.some((other) => other.sub && other.path.startsWith(`${item.path}/`));
}
