import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';

/** Each page is its own lazy chunk: the board does not download the deal page, nor the reverse. */
export const dealsRoutes: Routes = [
  {
    path: '',
    title: titleKey('deals.title'),
    loadComponent: () => import('./board/deals-page').then((m) => m.DealsPage),
  },
  {
    path: 'funnel',
    title: titleKey('deals.analytics.title'),
    loadComponent: () => import('./funnel/funnel-page').then((m) => m.FunnelPage),
  },
  {
    path: ':dealId',
    title: titleKey('deals.title'),
    loadComponent: () => import('./detail/deal-detail-page').then((m) => m.DealDetailPage),
  },
];

/** «My tasks». */
export const tasksRoutes: Routes = [
  {
    path: '',
    title: titleKey('tasks.title'),
    loadComponent: () => import('./tasks/tasks-page').then((m) => m.TasksPage),
  },
];
