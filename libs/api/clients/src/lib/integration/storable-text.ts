// Moved to core: every body, query and path parameter is checked by the global validation pipe.
export { findUnstorableText, StorableTextPipe, UNSTORABLE_TEXT_MESSAGE } from '@crm/api/core';
