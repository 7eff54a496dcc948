export * from './lib/login/login-page';
export * from './lib/register/register-page';
