import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';

/** Each page is its own lazy chunk. */
export const importsRoutes: Routes = [
  {
    path: '',
    title: titleKey('imports.title'),
    loadComponent: () => import('./import-page/imports-page').then((m) => m.ImportsPage),
  },
  {
    path: ':importId',
    title: titleKey('imports.title'),
    loadComponent: () => import('./import-job/import-job-page').then((m) => m.ImportJobPage),
  },
];
