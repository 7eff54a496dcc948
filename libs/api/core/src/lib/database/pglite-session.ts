import type { PGlite } from '@electric-sql/pglite';

/** What a pglite-socket connection handler asks of the queue it shares with the others. */
export interface SessionQueueApi {
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  getQueueLength(): number;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'
const IDLE = 0x49; // 'I': ReadyForQuery outside a transaction block
/** A Sync message: ends an extended-protocol exchange a closed connection left open. */
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * PGlite is one backend session; the socket server lets several connections share it and runs
 * their protocol messages one at a time. pglite-socket's own queue keeps a connection's messages
 * together only inside a transaction block (BEGIN … COMMIT), not through an extended-protocol
 * exchange (Parse, Bind, Describe, Execute … Sync), whose unnamed statement and portal live until
 * the backend answers ReadyForQuery: another connection's Parse arriving between the first's Parse
 * and Bind replaces its statement, and the first then runs the other's SQL with its own parameters
 * (electric-sql/pglite#1046). A failing message also left that queue stopped for good.
 *
 * This queue gives the session to one connection from its first message until the backend answers
 * ReadyForQuery outside a transaction block — read from the replies themselves, so it holds for
 * simple queries, extended exchanges, COPY and transactions alike — and keeps running after a
 * failure. A connection that goes away while it holds the session has its exchange ended and its
 * transaction rolled back before anyone else runs.
 */
export class SessionQueue implements SessionQueueApi {
  private readonly pending: Pending[] = [];
  private running = false;
  /** The connection the session belongs to until its ReadyForQuery outside a transaction. */
  private owner: number | null = null;
  /** The owner has sent messages the backend has not yet answered with ReadyForQuery. */
  private midExchange = false;
  private readonly closed = new Set<number>();

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.pending.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i].handlerId !== handlerId) continue;
      const [gone] = this.pending.splice(i, 1);
      gone.reject(new Error('Handler disconnected'));
    }
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.running) {
      // Whatever runs now, the session is released after it if the closed connection then holds it.
      this.closed.add(handlerId);
      return;
    }
    if (this.owner !== handlerId) return;
    await this.release();
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const index = this.owner === null ? 0 : this.pending.findIndex((p) => p.handlerId === this.owner);
        if (index < 0) break; // the owner's next message is still on its way
        const [item] = this.pending.splice(index, 1);
        await this.run(item);
        if (this.owner !== null && this.closed.has(this.owner)) await this.release();
      }
    } finally {
      this.running = false;
      // Connections closed meanwhile that do not hold the session need nothing more.
      this.closed.clear();
    }
  }

  private async run(item: Pending): Promise<void> {
    const replies = new ReplyScanner();
    let bytes = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (chunk: Uint8Array) => {
            bytes += chunk.length;
            replies.scan(chunk);
            item.onData(chunk);
          },
        }),
      );
    } catch (error) {
      // The backend's state after an internal failure is unknown: free it unless a transaction is open.
      this.owner = this.db.isInTransaction() ? item.handlerId : null;
      this.midExchange = false;
      item.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (replies.readyStatus !== null) {
      this.owner = replies.readyStatus === IDLE ? null : item.handlerId;
      this.midExchange = false;
    } else if (item.message[0] !== TERMINATE) {
      this.owner = item.handlerId;
      this.midExchange = true;
    }
    item.resolve(bytes);
  }

  /** Frees the session a closed connection held: ends its exchange, rolls back its transaction. */
  private async release(): Promise<void> {
    try {
      if (this.midExchange) await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC));
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    } finally {
      this.owner = null;
      this.midExchange = false;
    }
  }
}

/**
 * Walks the backend's reply messages (a type byte, then a length that counts itself) across
 * chunks, and keeps the transaction status of the last ReadyForQuery if it was the last message.
 */
class ReplyScanner {
  /** The status byte of a ReadyForQuery that ended the replies so far, else null. */
  readyStatus: number | null = null;
  private header: number[] = [];
  private remaining = 0;
  private type = 0;

  scan(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - i);
        if (this.type === READY_FOR_QUERY && take === this.remaining) this.readyStatus = chunk[i + take - 1];
        this.remaining -= take;
        i += take;
        continue;
      }
      this.header.push(chunk[i++]);
      if (this.header.length < 5) continue;
      const [type, a, b, c, d] = this.header;
      this.header = [];
      this.type = type;
      this.remaining = ((a << 24) | (b << 16) | (c << 8) | d) - 4;
      this.readyStatus = null;
    }
  }
}
