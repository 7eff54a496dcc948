import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';
import { ImportJobPage } from './import-job/import-job-page';
import { ImportsPage } from './import-page/imports-page';

export const importsRoutes: Routes = [
  { path: '', component: ImportsPage, title: titleKey('imports.title') },
  { path: ':importId', component: ImportJobPage, title: titleKey('imports.title') },
];
