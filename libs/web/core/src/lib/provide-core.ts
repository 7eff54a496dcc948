import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { authInterceptor } from './auth/auth-interceptor';
import { I18nTitleStrategy } from './title/i18n-title-strategy';

/** HTTP with the auth interceptor and translated page titles. */
export function provideCore(): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
  ];
}
