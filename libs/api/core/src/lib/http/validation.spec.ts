import 'reflect-metadata';
import { CreateClientDto } from '@crm/shared/contracts';
import { createValidationPipe, InvalidInputException } from './validation';

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();
  const body = (json: string) => JSON.parse(json) as Record<string, unknown>;

  it('keeps free-form attributes exactly as sent, prototype-like keys included', async () => {
    const attributes = '{"constructor":"ИП","prototype":false,"__proto__":{"x":1},"toString":{"a":[1]}}';
    const dto = (await pipe.transform(body(`{"name":"Пётр","attributes":${attributes}}`), {
      type: 'body',
      metatype: CreateClientDto,
    })) as CreateClientDto;
    expect(dto).toBeInstanceOf(CreateClientDto);
    expect(dto.name).toBe('Пётр');
    expect(JSON.stringify(dto.attributes)).toBe(attributes);
  });

  it('still validates the free-form field and refuses unknown fields', async () => {
    await expect(
      pipe.transform(body('{"attributes":[1],"extra":1}'), { type: 'body', metatype: CreateClientDto }),
    ).rejects.toBeInstanceOf(InvalidInputException);
    const error = await pipe
      .transform(body('{"attributes":[1],"extra":1}'), { type: 'body', metatype: CreateClientDto })
      .catch((e: InvalidInputException) => e);
    expect((error as InvalidInputException).details.map((d) => d.field).sort()).toEqual(['attributes', 'extra']);
  });

  it('strips prototype-like keys outside free-form fields, as Nest does', async () => {
    const dto = (await pipe.transform(body('{"name":"A","__proto__":{"polluted":true}}'), {
      type: 'body',
      metatype: CreateClientDto,
    })) as CreateClientDto & { polluted?: boolean };
    expect(dto.polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
