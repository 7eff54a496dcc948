import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'crm:isPublic';

/**
 * Marks an operation of the OpenAPI document as outside the JWT guard; the document's completion
 * (`completeOpenApiDocument`) turns it into `security: []` unless the route names another scheme.
 */
export const PUBLIC_OPERATION_EXTENSION = 'x-crm-public';

/** Opts a route out of the global JWT guard (login, register, health, API-key routes). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
