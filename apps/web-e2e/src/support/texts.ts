import type { Language } from './browser';

/** Intl puts no-break and narrow no-break spaces in numbers; compare them as plain spaces. */
export const spaces = (value: string): string => value.replace(/[\u00a0\u202f]/g, ' ');

/**
 * What a user reads on screen, in each language: the specs assert these words, not ids, so a
 * missing translation or a screen in the wrong language fails.
 */
export const TEXTS = {
  ru: {
    companyName: 'ООО Ромашка',
    register: 'Создать аккаунт',
    signIn: 'Войти',
    companySubtitle: (name: string) => `Компания: ${name}`,
    navApiKeys: 'API-ключ',
    navCompany: 'Компания',
    navStart: 'Начало',
    apiKeysTitle: 'API-ключ',
    emptyKeys: 'Ключей пока нет',
    createKey: 'Создать ключ',
    keyName: 'Интернет-магазин',
    createSubmit: 'Создать',
    keyCreated: 'Ключ создан',
    done: 'Готово',
    copied: 'Ключ скопирован в буфер обмена',
    connect: 'Как подключить',
    wrongCredentials: 'Неверный логин или пароль',
    invite: 'Пригласить',
    invited: (login: string) => `Приглашение для ${login} сохранено. Участником он станет, когда примет приглашение.`,
    members: 'Участники',
  },
  en: {
    companyName: 'Daisy LLC',
    register: 'Create account',
    signIn: 'Sign in',
    companySubtitle: (name: string) => `Company: ${name}`,
    navApiKeys: 'API key',
    navCompany: 'Company',
    navStart: 'Start',
    apiKeysTitle: 'API key',
    emptyKeys: 'No keys yet',
    createKey: 'Create key',
    keyName: 'Online shop',
    createSubmit: 'Create',
    keyCreated: 'Key created',
    done: 'Done',
    copied: 'Key copied to the clipboard',
    connect: 'How to connect',
    wrongCredentials: 'Wrong login or password',
    invite: 'Invite',
    invited: (login: string) => `Invitation for ${login} saved. They become a member once they accept it.`,
    members: 'Members',
  },
} satisfies Record<Language, Record<string, unknown>>;
