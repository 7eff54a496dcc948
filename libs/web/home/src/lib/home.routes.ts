import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';
import { HomePage } from './home-page';

export const homeRoutes: Routes = [{ path: '', component: HomePage, title: titleKey('nav.start') }];
