import { InvalidInputException } from '../http/validation';
import { decodeCursor, encodeCursor } from './feed-cursor';

describe('feed cursor', () => {
  const position = { changeXid: '123456789012', id: '3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10' };

  it('accepts the largest transaction id', () => {
    const last = { changeXid: '18446744073709551615', id: position.id };
    expect(decodeCursor(encodeCursor(last))).toEqual(last);
  });

  it('tells a cursor of the earlier sequence-based format to start again', () => {
    const old = Buffer.from('v1:42:3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10').toString('base64url');
    expect(() => decodeCursor(old)).toThrow(
      expect.objectContaining({
        details: [{ field: 'cursor', messages: [expect.stringContaining('earlier version of this feed')] }],
      }),
    );
  });

  it('round-trips a position through an opaque URL-safe token', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['another version', Buffer.from('v3:1:3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10').toString('base64url')],
    ['a non-numeric position', Buffer.from('v2:x:3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10').toString('base64url')],
    [
      'a position past 2^64 - 1',
      Buffer.from('v2:18446744073709551616:3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10').toString('base64url'),
    ],
    ['a bad id', Buffer.from("v2:1:'; drop table clients").toString('base64url')],
    ['extra parts', Buffer.from('v2:1:3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10:x').toString('base64url')],
  ])('refuses %s with a 400 on the cursor field', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidInputException);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as InvalidInputException).details).toEqual([{ field: 'cursor', messages: [expect.any(String)] }]);
    }
  });
});
