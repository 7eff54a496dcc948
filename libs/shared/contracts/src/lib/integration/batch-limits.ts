/** Most items one `POST /api/v1/.../batch` accepts; more is a 413. */
export const MAX_BATCH_ITEMS = 5000;
/** Default and largest `limit` of `GET /api/v1/...`. */
export const DEFAULT_FEED_LIMIT = 100;
export const MAX_FEED_LIMIT = 1000;
