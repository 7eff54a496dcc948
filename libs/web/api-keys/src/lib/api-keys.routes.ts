import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';
import { ApiKeysPage } from './api-keys-page';

export const apiKeysRoutes: Routes = [{ path: '', component: ApiKeysPage, title: titleKey('nav.apiKeys') }];
