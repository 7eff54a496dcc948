import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';

/** Each page is its own lazy chunk. */
export const companyRoutes: Routes = [
  {
    path: '',
    title: titleKey('nav.company'),
    loadComponent: () => import('./company-page').then((m) => m.CompanyPage),
  },
  {
    path: 'rates',
    title: titleKey('rates.title'),
    loadComponent: () => import('./rates/rates-page').then((m) => m.RatesPage),
  },
];
