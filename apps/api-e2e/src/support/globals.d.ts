import type { ApiProcess } from './api-process';

declare global {
  var __CRM_E2E_API__: ApiProcess | undefined;
  var __CRM_E2E_PGLITE__: { stop(): Promise<void> } | undefined;
}

export {};
