import type { WebServer } from './web-server';

declare global {
  var __CRM_WEB_E2E_SERVER__: WebServer | undefined;
}

export {};
