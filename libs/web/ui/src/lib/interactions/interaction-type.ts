import type { InteractionType } from '@crm/shared/contracts';
import type { TranslationKey } from '@crm/web/i18n';

const ICONS: Record<InteractionType, string> = {
  call: 'phone',
  email: 'mail',
  meeting: 'event',
  message: 'note',
  purchase: 'receipt',
  other: 'info',
};

/** The icon of a kind of interaction (call, e-mail, meeting…) in timelines. */
export function interactionIcon(type: InteractionType): string {
  return ICONS[type] ?? 'info';
}

/** The translation key of a kind of interaction's name. */
export function interactionTypeKey(type: InteractionType): TranslationKey {
  return `clients.interaction.types.${type}` as TranslationKey;
}
