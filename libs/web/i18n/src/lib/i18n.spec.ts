import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Dictionaries, DICTIONARIES } from './dictionaries/dictionaries';
import { flattenDictionary, isPlural, type Plural } from './dictionaries/dictionary';
import { en } from './dictionaries/en';
import type { Dictionary } from './dictionaries/index';
import { ru } from './dictionaries/ru';
import { I18n, LANGUAGE_STORAGE_KEY } from './i18n';
import type { Language } from './language';
import { TranslatePipe } from './translate-pipe';

const placeholders = (text: string | Plural): string[] => {
  const forms = isPlural(text) ? [text.one, text.few, text.many, text.other] : [text];
  const names = forms.flatMap((form) => [...(form ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  return [...new Set(names)].sort();
};

describe('dictionaries', () => {
  const ruFlat = flattenDictionary(ru);
  const enFlat = flattenDictionary(en);

  it('has every Russian key in English and no extra English keys', () => {
    expect([...enFlat.keys()].sort()).toEqual([...ruFlat.keys()].sort());
  });

  it('has no empty text in either language', () => {
    for (const [key, text] of [...ruFlat, ...enFlat]) {
      const forms = isPlural(text) ? [text.one, text.other] : [text];
      for (const form of forms) expect({ key, empty: form.trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of ruFlat) {
      const english = enFlat.get(key);
      expect({ key, placeholders: placeholders(english ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('gives every Russian plural the one, few and many forms', () => {
    for (const [key, text] of ruFlat) {
      if (isPlural(text)) expect({ key, few: !!text.few, many: !!text.many }).toEqual({ key, few: true, many: true });
    }
  });
});

@Component({
  selector: 'crm-probe',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h1>{{ 'auth.login.title' | t }}</h1>
    <p>{{ 'home.members.count' | t: { count: 3 } }}</p>`,
})
class ProbeComponent {}

describe('I18n', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = 'xx';
  });

  it('speaks Russian by default and sets <html lang>', () => {
    const i18n = TestBed.inject(I18n);
    expect(i18n.language()).toBe('ru');
    expect(i18n.t('auth.login.submit')).toBe('Войти');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('switches to English, remembers it and updates <html lang>', () => {
    const i18n = TestBed.inject(I18n);
    i18n.use('en');
    expect(i18n.t('auth.login.submit')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('starts in the remembered language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    expect(TestBed.inject(I18n).t('nav.start')).toBe('Start');
  });

  it('ignores a remembered value that is not a language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'de');
    expect(TestBed.inject(I18n).language()).toBe('ru');
  });

  it('fills placeholders and picks Russian plural forms', () => {
    const i18n = TestBed.inject(I18n);
    expect(i18n.t('home.members.count', { count: 1 })).toBe('1 участник');
    expect(i18n.t('home.members.count', { count: 3 })).toBe('3 участника');
    expect(i18n.t('home.members.count', { count: 5 })).toBe('5 участников');
    expect(i18n.t('home.members.count', { count: 21 })).toBe('21 участник');
    expect(i18n.t('rates.perUnit', { currency: 'USD', rate: '92,5', base: 'RUB' })).toBe('1 USD = 92,5 RUB');
  });

  it('picks English plural forms and formats numbers by locale', () => {
    const i18n = TestBed.inject(I18n);
    i18n.use('en');
    expect(i18n.t('home.members.count', { count: 1 })).toBe('1 member');
    expect(i18n.t('home.members.count', { count: 1200 })).toBe('1,200 members');
  });

  it('re-renders an OnPush template through the t pipe when the language changes', async () => {
    const fixture = TestBed.createComponent(ProbeComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toBe('Вход');
    expect(element.querySelector('p')?.textContent).toBe('3 участника');

    TestBed.inject(I18n).use('en');
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Sign in');
    expect(element.querySelector('p')?.textContent).toBe('3 members');
  });
});

describe('I18n with texts loaded on demand', () => {
  /** Loaders that record each request and answer only when the spec says so. */
  function deferredLoaders() {
    const requests: { lang: Language; resolve: () => void; reject: (error: Error) => void }[] = [];
    const texts: Record<Language, Dictionary> = { ru, en };
    const load = (lang: Language) =>
      new Promise<Dictionary>((resolve, reject) =>
        requests.push({ lang, resolve: () => resolve(texts[lang]), reject }),
      );
    const store = new Dictionaries({ ru: () => load('ru'), en: () => load('en') });
    TestBed.configureTestingModule({ providers: [{ provide: DICTIONARIES, useValue: store }] });
    return requests;
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve));

  beforeEach(() => localStorage.clear());

  it('fetches only the remembered language before the first render', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const requests = deferredLoaders();
    const i18n = TestBed.inject(I18n);

    const ready = i18n.ready();
    requests[0].resolve();
    await ready;

    expect(requests.map((r) => r.lang)).toEqual(['en']);
    expect(i18n.t('nav.start')).toBe('Start');
  });

  it('switches when the other language arrives, keeping the current texts until then', async () => {
    const requests = deferredLoaders();
    const i18n = TestBed.inject(I18n);
    const ready = i18n.ready();
    requests[0].resolve();
    await ready;

    i18n.use('en');
    expect(i18n.language()).toBe('ru');
    expect(i18n.t('auth.login.submit')).toBe('Войти');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();

    requests[1].resolve();
    await settle();
    expect(requests.map((r) => r.lang)).toEqual(['ru', 'en']);
    expect(i18n.language()).toBe('en');
    expect(i18n.t('auth.login.submit')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    i18n.use('ru');
    expect(i18n.language()).toBe('ru');
    expect(requests).toHaveLength(2);
  });

  it('lets a later choice win over a slow load', async () => {
    const requests = deferredLoaders();
    const i18n = TestBed.inject(I18n);
    const ready = i18n.ready();
    requests[0].resolve();
    await ready;

    i18n.use('en');
    i18n.use('ru');
    requests[1].resolve();
    await settle();

    expect(i18n.language()).toBe('ru');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ru');
  });

  it('stays in the current language when the chunk fails, and fetches again on the next switch', async () => {
    const failure = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const requests = deferredLoaders();
    const i18n = TestBed.inject(I18n);
    const ready = i18n.ready();
    requests[0].resolve();
    await ready;

    i18n.toggle();
    requests[1].reject(new Error('offline'));
    await settle();
    expect(i18n.language()).toBe('ru');
    expect(failure).toHaveBeenCalledWith('Could not load the en texts', new Error('offline'));

    i18n.toggle();
    requests[2].resolve();
    await settle();
    expect(requests.map((r) => r.lang)).toEqual(['ru', 'en', 'en']);
    expect(i18n.language()).toBe('en');
    failure.mockRestore();
  });
});
