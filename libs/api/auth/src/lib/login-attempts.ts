import { Injectable } from '@nestjs/common';
import { TooManyRequestsException } from '@crm/api/core';

/** Free failures before a login (or an address) has to wait. */
const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const WINDOW_MS = 15 * 60_000;
/** An address may fail this many times more than one login before it waits too (many logins tried). */
const IP_FREE_FAILURES = 20;

interface Failures {
  count: number;
  lastAt: number;
  blockedUntil: number;
}

/** Answered while a login or address must wait; carries `Retry-After`. */
export class TooManyAttemptsException extends TooManyRequestsException {
  constructor(retryAfterSeconds: number) {
    super(`Too many failed attempts; retry in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}

/**
 * Slows down password guessing: after a few failures for a login (or from an address), each further
 * attempt must wait twice as long as the last, up to 15 minutes. A success clears the login's record.
 * In memory, per API process: enough for one instance; a cluster would keep this in Redis.
 */
@Injectable()
export class LoginAttempts {
  private readonly records = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws {@link TooManyAttemptsException} while either the login or the address is blocked. */
  assertAllowed(login: string, ip: string): void {
    const wait = Math.max(this.waitMs(loginKey(login)), this.waitMs(ipKey(ip)));
    if (wait > 0) throw new TooManyAttemptsException(Math.ceil(wait / 1000));
  }

  recordFailure(login: string, ip: string): void {
    this.bump(loginKey(login), FREE_FAILURES);
    this.bump(ipKey(ip), IP_FREE_FAILURES);
  }

  recordSuccess(login: string): void {
    this.records.delete(loginKey(login));
  }

  private waitMs(key: string): number {
    const record = this.current(key);
    return record ? Math.max(0, record.blockedUntil - this.now()) : 0;
  }

  private bump(key: string, free: number): void {
    const now = this.now();
    const record = this.current(key) ?? { count: 0, lastAt: now, blockedUntil: 0 };
    record.count += 1;
    record.lastAt = now;
    if (record.count >= free) {
      record.blockedUntil = now + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (record.count - free));
    }
    this.records.set(key, record);
    if (this.records.size > 100_000) this.evictStale();
  }

  private current(key: string): Failures | undefined {
    const record = this.records.get(key);
    if (record && this.now() - record.lastAt > WINDOW_MS && record.blockedUntil <= this.now()) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }

  private evictStale(): void {
    for (const key of this.records.keys()) this.current(key);
  }
}

const loginKey = (login: string) => `login:${login.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
