export * from './lib/company.routes';
export * from './lib/create/company-create-page';
