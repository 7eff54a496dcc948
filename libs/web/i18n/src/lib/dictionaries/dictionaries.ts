import type { Language } from '../language';
import { en } from './en';
import type { Dictionary } from './index';
import { ru } from './ru';

export const DICTIONARIES: Record<Language, Dictionary> = { ru, en };
