import { PayloadTooLargeException } from '@nestjs/common';
import { MAX_BATCH_ITEMS } from '@crm/shared/contracts';

/** 413 for a batch above {@link MAX_BATCH_ITEMS} items: split it and send the parts. */
export function assertBatchSize(items: readonly unknown[]): void {
  if (items.length > MAX_BATCH_ITEMS) {
    throw new PayloadTooLargeException(
      `A batch holds at most ${MAX_BATCH_ITEMS} items; this one has ${items.length}. Send it in parts.`,
    );
  }
}
