import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';

/** `/reports`: the list, `/reports/new` the builder, `/reports/:reportId` a report. */
export const reportsRoutes: Routes = [
  {
    path: '',
    title: titleKey('reports.title'),
    loadComponent: () => import('./list/report-list-page').then((m) => m.ReportListPage),
  },
  {
    path: 'new',
    title: titleKey('reports.builder.title'),
    loadComponent: () => import('./builder/report-builder-page').then((m) => m.ReportBuilderPage),
  },
  {
    path: ':reportId',
    title: titleKey('reports.title'),
    loadComponent: () => import('./viewer/report-viewer-page').then((m) => m.ReportViewerPage),
  },
];
