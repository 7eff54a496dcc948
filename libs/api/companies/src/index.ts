export * from './lib/companies.module';
export * from './lib/companies.service';
export * from './lib/company-account.entity';
export * from './lib/company-member.guard';
export * from './lib/company-route.decorator';
export * from './lib/company.entity';
export * from './lib/roles.decorator';
