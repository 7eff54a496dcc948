import { type ArgumentsHost, Catch, ConflictException, type ExceptionFilter } from '@nestjs/common';
import type { ClientDeleteConflictResponse, ClientDeletionLossResponse } from '@crm/shared/contracts';

/** Refuses to delete a client with sales unless confirmed; the answer says what would be lost. */
export class ClientDeleteConflictException extends ConflictException {
  constructor(readonly wouldDelete: ClientDeletionLossResponse) {
    const revenue = wouldDelete.revenue.map((r) => `${r.amount} ${r.currency}`).join(', ');
    super(
      `The client has ${wouldDelete.sales} sale(s)${revenue ? ` (paid revenue ${revenue})` : ''}, ` +
        `${wouldDelete.interactions} interaction(s) and ${wouldDelete.notes} note(s); ` +
        'repeat with ?confirm=true to delete them too',
    );
  }
}

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** Answers {@link ClientDeleteConflictException} in the contract's error shape plus `wouldDelete`. */
@Catch(ClientDeleteConflictException)
export class ClientDeleteConflictFilter implements ExceptionFilter<ClientDeleteConflictException> {
  catch(exception: ClientDeleteConflictException, host: ArgumentsHost): void {
    const body: ClientDeleteConflictResponse = {
      statusCode: 409,
      error: 'Conflict',
      message: exception.message,
      code: 'client_has_sales',
      wouldDelete: exception.wouldDelete,
    };
    host.switchToHttp().getResponse<JsonResponse>().status(409).json(body);
  }
}
