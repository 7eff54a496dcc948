import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsText } from '../common/validators';

/** Longest question the assistant accepts, in characters. */
export const ASSISTANT_MESSAGE_MAX_LENGTH = 2000;
/** Longest conversation title. */
export const ASSISTANT_TITLE_MAX_LENGTH = 200;
export const ASSISTANT_LOCALES = ['ru', 'en'] as const;
export type AssistantLocale = (typeof ASSISTANT_LOCALES)[number];

/** `POST assistant/chat` and `assistant/chat/stream`. */
export class AssistantChatDto {
  /** The question, 1–2000 characters. @example "Какая выручка за 2024 год?" */
  @IsText(1, ASSISTANT_MESSAGE_MAX_LENGTH)
  message!: string;

  /** Continue this conversation of the caller; omitted → a new conversation. */
  @IsOptional()
  @IsUUID()
  conversationId?: string;

  /** The language of the answer; default: the question's language (Cyrillic → ru). @example "ru" */
  @IsOptional()
  @IsIn(ASSISTANT_LOCALES)
  locale?: AssistantLocale;
}

/** `PATCH assistant/conversations/:id`. */
export class RenameConversationDto {
  /** @example "Выручка 2024" */
  @IsText(1, ASSISTANT_TITLE_MAX_LENGTH)
  title!: string;
}
