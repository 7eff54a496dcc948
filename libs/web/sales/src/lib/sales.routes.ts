import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';
import { SaleDetailPage } from './sale-detail/sale-detail-page';
import { SaleListPage } from './sale-list/sale-list-page';

export const salesRoutes: Routes = [
  { path: '', component: SaleListPage, title: titleKey('sales.title') },
  { path: ':saleId', component: SaleDetailPage, title: titleKey('sales.title') },
];
