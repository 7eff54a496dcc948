export * from './lib/auth.module';
export * from './lib/jwt-auth.guard';
export * from './lib/login-attempts';
