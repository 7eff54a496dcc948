import { SHARED_DICTIONARIES } from './lib/dictionaries/dictionaries';
import { en } from './lib/dictionaries/en';
import { ru } from './lib/dictionaries/ru';

/**
 * For specs: puts every language's texts in place at once, as the app's start-up (`provideI18n`)
 * does for the remembered one, so components render real texts synchronously and `I18n.use()`
 * switches without waiting for a chunk. Called from each web project's `test-setup.ts`.
 */
export function installDictionaries(): void {
  SHARED_DICTIONARIES.install('ru', ru);
  SHARED_DICTIONARIES.install('en', en);
}
