import { NestFactory } from '@nestjs/core';
import { type AppConfig, createOpenApiDocument } from '@crm/api/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppModule } from './app.module';

/** The file after `--openapi` on the command line, if any. */
export function openApiFileArgument(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--openapi');
  return at >= 0 ? argv[at + 1] : undefined;
}

/**
 * Writes the OpenAPI document served at /api/docs-json to `file` without a database: the modules
 * are scanned in preview mode (no provider is created, nothing connects) — `npm run lint:openapi`.
 */
export async function writeOpenApiFile(file: string, config: AppConfig): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://document-only'), {
    preview: true,
    logger: ['error'],
  });
  app.setGlobalPrefix('api');
  const document = createOpenApiDocument(app, { bodyLimit: config.http.bodyLimit });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}
