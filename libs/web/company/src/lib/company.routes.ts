import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';
import { CompanyPage } from './company-page';
import { RatesPage } from './rates/rates-page';

export const companyRoutes: Routes = [
  { path: '', component: CompanyPage, title: titleKey('nav.company') },
  { path: 'rates', component: RatesPage, title: titleKey('rates.title') },
];
