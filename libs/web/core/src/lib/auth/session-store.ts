import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Subject } from 'rxjs';
import { readJson, removeItem, writeJson } from '../storage/local-store';

export const SESSION_STORAGE_KEY = 'crm.session';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: { id: string; login: string };
}

function isStoredSession(value: unknown): value is StoredSession {
  const candidate = value as Partial<StoredSession> | null;
  return (
    typeof candidate?.accessToken === 'string' &&
    typeof candidate.refreshToken === 'string' &&
    typeof candidate.user?.id === 'string' &&
    typeof candidate.user.login === 'string'
  );
}

export function readStoredSession(): StoredSession | null {
  return readJson(SESSION_STORAGE_KEY, isStoredSession);
}

/**
 * Both tokens live in localStorage, under one key. The contract hands tokens over in JSON
 * bodies (no httpOnly cookie), so the refresh token has to be readable by script to survive a
 * reload anyway; a script that can steal it could also steal an access token kept only in
 * memory, so memory-only access tokens would buy no real protection while costing a refresh on
 * every reload and in every tab. Sharing the pair lets all tabs use one session: a tab that
 * rotates the refresh token publishes the new pair, and the others pick it up through the
 * `storage` event instead of replaying a refresh token that no longer works.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly state = signal<StoredSession | null>(readStoredSession());
  private readonly changedElsewhere = new Subject<StoredSession | null>();

  readonly session = this.state.asReadonly();
  /** Emits when another tab logged in, refreshed or logged out. */
  readonly externalChanges = this.changedElsewhere.asObservable();

  constructor() {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_STORAGE_KEY && event.key !== null) return;
      const next = readStoredSession();
      this.state.set(next);
      this.changedElsewhere.next(next);
    };
    globalThis.addEventListener?.('storage', onStorage);
    inject(DestroyRef).onDestroy(() => globalThis.removeEventListener?.('storage', onStorage));
  }

  save(session: StoredSession): void {
    this.state.set(session);
    writeJson(SESSION_STORAGE_KEY, session);
  }

  /** Takes the pair another tab stored after it rotated the refresh token. */
  adopt(session: StoredSession): void {
    this.state.set(session);
  }

  clear(): void {
    this.state.set(null);
    removeItem(SESSION_STORAGE_KEY);
  }
}
