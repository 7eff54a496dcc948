import type { Route } from '@angular/router';
import { anonymousGuard, authGuard, companyGuard, titleKey } from '@crm/web/core';

/** Every feature is lazy: the sign-in pages do not download the company area, and vice versa. */
export const appRoutes: Route[] = [
  {
    path: 'login',
    canMatch: [anonymousGuard],
    title: titleKey('auth.login.title'),
    loadComponent: () => import('@crm/web/auth').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    canMatch: [anonymousGuard],
    title: titleKey('auth.register.title'),
    loadComponent: () => import('@crm/web/auth').then((m) => m.RegisterPage),
  },
  {
    path: 'welcome',
    canMatch: [authGuard],
    title: titleKey('welcome.title'),
    loadComponent: () => import('@crm/web/company').then((m) => m.CompanyCreatePage),
  },
  {
    path: '',
    canMatch: [authGuard],
    canActivate: [companyGuard],
    loadComponent: () => import('@crm/web/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', loadChildren: () => import('@crm/web/home').then((m) => m.homeRoutes) },
      { path: 'clients', loadChildren: () => import('@crm/web/clients').then((m) => m.clientsRoutes) },
      { path: 'deals', loadChildren: () => import('@crm/web/deals').then((m) => m.dealsRoutes) },
      { path: 'sales', loadChildren: () => import('@crm/web/sales').then((m) => m.salesRoutes) },
      { path: 'tasks', loadChildren: () => import('@crm/web/deals').then((m) => m.tasksRoutes) },
      { path: 'reports', loadChildren: () => import('@crm/web/reports').then((m) => m.reportsRoutes) },
      { path: 'imports', loadChildren: () => import('@crm/web/imports').then((m) => m.importsRoutes) },
      // Not `/api-keys`: web paths must not start with `/api`, which belongs to the API (dev proxy, server).
      { path: 'keys', loadChildren: () => import('@crm/web/api-keys').then((m) => m.apiKeysRoutes) },
      { path: 'company', loadChildren: () => import('@crm/web/company').then((m) => m.companyRoutes) },
      { path: 'assistant', loadChildren: () => import('@crm/web/assistant').then((m) => m.assistantRoutes) },
      // The assistant's side sheet over any page: /clients(assistant:panel).
      {
        path: 'panel',
        outlet: 'assistant',
        loadComponent: () => import('@crm/web/assistant').then((m) => m.AssistantSheet),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
