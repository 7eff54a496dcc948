import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponse, FieldError } from '@crm/shared/contracts';
import { API_KEY_AUTH, BEARER_AUTH, completeOpenApiDocument, type OpenApiOptions } from './openapi-complete';

export { API_KEY_AUTH, BEARER_AUTH, type OpenApiOptions } from './openapi-complete';

/** The OpenAPI document of the application's routes, completed (`completeOpenApiDocument`). */
export function createOpenApiDocument(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CRM API')
    .setDescription(
      [
        'The CRM public HTTP API.',
        '',
        '* **Web API** (`/api/auth`, `/api/me`, `/api/companies/...`): JWT bearer tokens from `POST /api/auth/login`.',
        '* **Integration API** (`/api/v1/...`): the company API key in the `X-API-Key` header; each key may send',
        '  `INTEGRATION_RATE_LIMIT` requests a minute (1,200 by default), then 429 with `Retry-After`.',
        '',
        'Errors always have the shape `{statusCode, error, message, details?}`.',
      ].join('\n'),
    )
    .setVersion('1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'This server (every path starts with `/api`)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_AUTH)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponse, FieldError],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return completeOpenApiDocument(document, options);
}

/** Serves Swagger UI at `/api/docs` and the document at `/api/docs-json`. */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): void {
  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app, options), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'CRM API',
    swaggerOptions: { persistAuthorization: true },
  });
}
