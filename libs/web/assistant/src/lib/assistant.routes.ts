import type { Routes } from '@angular/router';
import { titleKey } from '@crm/web/core';
import { AssistantPage } from './assistant-page';

export const assistantRoutes: Routes = [{ path: '', component: AssistantPage, title: titleKey('assistant.title') }];
