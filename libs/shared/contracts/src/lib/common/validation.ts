/** Logins: 3–64 letters (any script), digits and `._-@`. */
export const LOGIN_PATTERN = /^[\p{L}\p{N}._@-]{3,64}$/u;
export const LOGIN_MIN_LENGTH = 3;
export const LOGIN_MAX_LENGTH = 64;
export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt-style limits do not apply to argon2, but an upper bound keeps hashing cheap to refuse. */
export const PASSWORD_MAX_LENGTH = 256;
export const COMPANY_NAME_MAX_LENGTH = 200;
export const API_KEY_NAME_MAX_LENGTH = 100;
export const EXTERNAL_ID_MAX_LENGTH = 128;
export const CLIENT_EMAIL_MAX_LENGTH = 320;
export const CLIENT_NAME_MAX_LENGTH = 300;
export const CLIENT_PHONE_MAX_LENGTH = 64;
export const CLIENT_ACTIVITY_MAX_LENGTH = 200;
/** `attributes` of a client: a JSON object of at most this many bytes. */
export const CLIENT_ATTRIBUTES_MAX_BYTES = 16 * 1024;
export const INTERACTION_SUMMARY_MAX_LENGTH = 4000;
export const NOTE_TEXT_MAX_LENGTH = 10_000;
export const SALE_ITEM_NAME_MAX_LENGTH = 500;
export const SALE_ITEM_SKU_MAX_LENGTH = 128;
export const SALE_ITEMS_MAX = 1000;
/** Quantities of sale items: up to 11 integer and 3 fractional digits. */
export const QUANTITY_MAX_FRACTION_DIGITS = 3;
export const QUANTITY_MAX_INTEGER_DIGITS = 11;
/** Exchange rates: up to 14 integer and 10 fractional digits. */
export const RATE_MAX_FRACTION_DIGITS = 10;
export const RATE_MAX_INTEGER_DIGITS = 14;
/** Loose on purpose: integrations send what their users typed; one `@` with text on both sides. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/u;
