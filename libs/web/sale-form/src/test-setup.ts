import { installDictionaries } from '@crm/web/i18n/testing';
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// Every language's texts, synchronously: the app loads them lazily before its first render.
installDictionaries();
