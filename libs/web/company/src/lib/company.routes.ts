import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';
import { CompanyPage } from './company-page';

export const companyRoutes: Routes = [{ path: '', component: CompanyPage, title: titleKey('nav.company') }];
