import { NotFoundException } from '@nestjs/common';
import { pathIdPipe } from './path-id.pipe';

describe('pathIdPipe', () => {
  const pipe = pathIdPipe('sale_not_found', 'Sale not found');
  const meta = { type: 'param', data: 'saleId' } as const;

  it('passes a UUID through', async () => {
    const id = '0b6f8a52-5c1d-4c47-9d8e-2f4a1b3c5d6e';
    await expect(pipe.transform(id, meta)).resolves.toBe(id);
  });

  it('answers 404 with the code of what the id names when it is not a UUID', async () => {
    const failure = await pipe.transform('42', meta).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotFoundException);
    expect((failure as NotFoundException).getResponse()).toEqual(
      expect.objectContaining({ code: 'sale_not_found', message: 'Sale not found' }),
    );
  });
});
