export * from './lib/page-header/page-header';
export * from './lib/states/empty-state';
export * from './lib/states/error-state';
export * from './lib/states/list-skeleton';
export * from './lib/key-mask/key-mask';
export * from './lib/confirm-dialog/confirm-dialog';
export * from './lib/preferences/preference-toggles';
export * from './lib/bare-layout/bare-layout';
