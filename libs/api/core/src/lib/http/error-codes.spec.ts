import { ConflictException, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { coded } from '@crm/shared/contracts';
import { ErrorFilter } from './error.filter';
import { InvalidInputException } from './validation';

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const response = {
    headersSent: false,
    setHeader: () => undefined,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const request = { method: 'GET', url: '/api/x', route: { path: '/api/x' } };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  new ErrorFilter().catch(exception, host);
  return sent;
}

describe('error codes', () => {
  it("answers an exception's own code with its English message", () => {
    expect(answer(new ConflictException(coded('last_owner', 'A company must keep at least one owner'))).body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'A company must keep at least one owner',
      code: 'last_owner',
    });
  });

  it('answers the code of the status when the exception has none', () => {
    expect(answer(new NotFoundException('Cannot GET /nothing')).body['code']).toBe('not_found');
    expect(answer(new Error('boom')).body).toMatchObject({ statusCode: 500, code: 'internal_error' });
  });

  it('answers invalid input as validation_failed with each field rule code', () => {
    const body = answer(new InvalidInputException([{ field: 'email', messages: ['bad'], codes: ['isEmail'] }])).body;
    expect(body).toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      details: [{ field: 'email', messages: ['bad'], codes: ['isEmail'] }],
    });
  });
});
