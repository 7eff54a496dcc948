import { flattenDictionary, isPlural } from './dictionary';
import { en } from './en';
import { ru } from './ru';

/**
 * Names the user typed (companies, clients, API keys) often carry their own quotes: «ООО «Ромашка»».
 * Wrapped in quotes again they nest, so texts put a name after a colon or as the object of the verb.
 * Single characters and logins (`{delimiter}`, `{login}`) cannot hold quotes and may stay quoted.
 */
const NAMES = ['name', 'company', 'client', 'companyName'];

describe('names in texts', () => {
  it.each([
    ['ru', ru],
    ['en', en],
  ])('never wraps a name in quotes (%s)', (_, dictionary) => {
    const quoted: string[] = [];
    for (const [key, text] of flattenDictionary(dictionary)) {
      const forms = isPlural(text) ? Object.values(text) : [text];
      for (const form of forms) {
        for (const name of NAMES) {
          if (new RegExp(`[«“"']\\{${name}\\}[»”"']`).test(String(form))) quoted.push(`${key}: ${form}`);
        }
      }
    }
    expect(quoted).toEqual([]);
  });
});
