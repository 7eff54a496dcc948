import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';
import { ClientDetailPage } from './client-detail/client-detail-page';
import { ClientListPage } from './client-list/client-list-page';

export const clientsRoutes: Routes = [
  { path: '', component: ClientListPage, title: titleKey('clients.title') },
  { path: ':clientId', component: ClientDetailPage, title: titleKey('clients.title') },
];
