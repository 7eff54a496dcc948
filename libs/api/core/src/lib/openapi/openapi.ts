import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponse, FieldError } from '@crm/shared/contracts';

export const BEARER_AUTH = 'bearer';
export const API_KEY_AUTH = 'api-key';

/** Serves Swagger UI at `/api/docs` and the document at `/api/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('CRM API')
    .setDescription(
      [
        'The CRM public HTTP API.',
        '',
        '* **Web API** (`/api/auth`, `/api/me`, `/api/companies/...`): JWT bearer tokens from `POST /api/auth/login`.',
        '* **Integration API** (`/api/v1/...`): the company API key in the `X-API-Key` header.',
        '',
        'Errors always have the shape `{statusCode, error, message, details?}`.',
      ].join('\n'),
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_AUTH)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponse, FieldError],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'CRM API',
    swaggerOptions: { persistAuthorization: true },
  });
}
