import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';

/** Each page is its own lazy chunk: the list does not download the detail, nor the reverse. */
export const salesRoutes: Routes = [
  {
    path: '',
    title: titleKey('sales.title'),
    loadComponent: () => import('./sale-list/sale-list-page').then((m) => m.SaleListPage),
  },
  {
    path: ':saleId',
    title: titleKey('sales.title'),
    loadComponent: () => import('./sale-detail/sale-detail-page').then((m) => m.SaleDetailPage),
  },
];
