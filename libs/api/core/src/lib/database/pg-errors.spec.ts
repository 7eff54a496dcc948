import { ConflictException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { withUniqueConflicts } from './pg-errors';

const violation = (code: string, constraint: string) =>
  new QueryFailedError('INSERT INTO sales …', [], Object.assign(new Error('duplicate key'), { code, constraint }));

const CONFLICTS = {
  sales_company_external_key: ['sale_external_id_taken', 'A sale with this externalId exists'],
} as const;

describe('withUniqueConflicts', () => {
  it('answers what the write answered', async () => {
    await expect(withUniqueConflicts(async () => 42, CONFLICTS)).resolves.toBe(42);
  });

  it('answers 409 with the code given for the unique constraint the write broke', async () => {
    const failure = await withUniqueConflicts(async () => {
      throw violation('23505', 'sales_company_external_key');
    }, CONFLICTS).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConflictException);
    expect((failure as ConflictException).getResponse()).toEqual({
      code: 'sale_external_id_taken',
      message: 'A sale with this externalId exists',
    });
  });

  it('lets through a unique violation on another constraint and any other error', async () => {
    const other = violation('23505', 'sales_pkey');
    await expect(
      withUniqueConflicts(async () => {
        throw other;
      }, CONFLICTS),
    ).rejects.toBe(other);
    const notUnique = violation('23503', 'sales_company_external_key');
    await expect(
      withUniqueConflicts(async () => {
        throw notUnique;
      }, CONFLICTS),
    ).rejects.toBe(notUnique);
  });
});
