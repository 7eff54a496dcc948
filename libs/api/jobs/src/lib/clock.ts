import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';

/**
 * The time schedules run by. In production the system clock. Tests (NODE_ENV=test only) may point
 * `CRM_TEST_CLOCK_FILE` at a file holding an ISO timestamp: the clock then reads that time (plus
 * the seconds passed since the file was last read with a new value), so a spec can move the API's
 * "now" to just before a scheduled run and watch it fire.
 */
@Injectable()
export class Clock {
  private readonly file =
    process.env['NODE_ENV'] === 'test' ? process.env['CRM_TEST_CLOCK_FILE'] || undefined : undefined;
  private lastText = '';
  private base = 0;
  private readAt = 0;

  now(): Date {
    if (!this.file) return new Date();
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8').trim();
    } catch {
      return new Date();
    }
    if (text !== this.lastText) {
      const base = Date.parse(text);
      if (Number.isNaN(base)) return new Date();
      this.lastText = text;
      this.base = base;
      this.readAt = Date.now();
    }
    return new Date(this.base + (Date.now() - this.readAt));
  }
}
