import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';

/** Each page is its own lazy chunk: the list does not download the detail, nor the reverse. */
export const clientsRoutes: Routes = [
  {
    path: '',
    title: titleKey('clients.title'),
    loadComponent: () => import('./client-list/client-list-page').then((m) => m.ClientListPage),
  },
  {
    path: ':clientId',
    title: titleKey('clients.title'),
    loadComponent: () => import('./client-detail/client-detail-page').then((m) => m.ClientDetailPage),
  },
];
