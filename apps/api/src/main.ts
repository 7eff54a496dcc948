import type { Server } from 'node:http';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  configureRequestBodies,
  type EmbeddedPostgres,
  loadAppConfig,
  setupOpenApi,
  startEmbeddedPostgres,
} from '@crm/api/core';
import { AppModule } from './app/app.module';
import { openApiFileArgument, writeOpenApiFile } from './app/openapi-file';
import { serveWebApp } from './app/web-app';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** How long an idle HTTP connection stays open: longer than a proxy's idle upstream connections. */
const KEEP_ALIVE_MS = 65_000;

async function bootstrap(): Promise<void> {
  const config = loadAppConfig();
  const logger = new Logger('Bootstrap');
  const openApiFile = openApiFileArgument(process.argv);
  if (openApiFile) {
    await writeOpenApiFile(openApiFile, config);
    process.exit(0);
  }
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.database.dataDir, maxConnections: 4 });
  if (embedded) {
    logger.log(`Embedded PostgreSQL (PGlite) in ${config.database.dataDir}`);
    // PGlite is one session: a second connection would only wait for it (and one awaited inside
    // another's transaction would wait for ever), so the pool keeps to one connection and
    // requests queue for it. The job queue's own pool shares the session through SessionQueue.
    config.database.poolSize = 1;
  }

  const databaseUrl = config.database.url ?? (embedded as EmbeddedPostgres).url;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    bodyParser: false,
    // Start-up lines wait for the JSON logger, so every line of the process has one format.
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  configureRequestBodies(app, config.http.bodyLimit);
  app.setGlobalPrefix('api');
  app.set('trust proxy', 'loopback');
  setupOpenApi(app, { bodyLimit: config.http.bodyLimit });
  if (config.http.webDist) serveWebApp(app, config.http.webDist);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing requests and closing`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen(config.http.port, '0.0.0.0');
  // Behind a reverse proxy that keeps connections to the API open (nginx `keepalive`, idle for up
  // to 60 s), the API must not close an idle one first: a request the proxy sends on a connection
  // Node is closing fails, and a POST is not retried (a 502). Node's default is 5 s.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  logger.log(`API on http://localhost:${config.http.port}/api (docs: /api/docs)`);
}

bootstrap().catch((error: unknown) => {
  // Configuration errors are printed plainly: they are for the person starting the server.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
