import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { EnvironmentVariables, parseByteSize, parseEnvironment } from './environment';

/** The API's configuration, validated once at start-up. */
export interface AppConfig {
  env: EnvironmentVariables['NODE_ENV'];
  http: {
    port: number;
    webDist?: string;
    bodyLimit: string;
    authRequestsPerMinute: number;
    /** Per API key, on /api/v1/*. */
    integrationRequestsPerMinute: number;
  };
  database: {
    url?: string;
    /** A streaming replica for analytics reads (`DATABASE_READ_URL`); needs `url`. */
    readUrl?: string;
    dataDir: string;
    poolSize: number;
    /** ms; 0 = none. */
    statementTimeoutMs: number;
    /** ms a request waits for a pool connection. */
    poolWaitMs: number;
  };
  auth: { jwtSecret: string; accessTtlSeconds: number; refreshTtlDays: number };
  apiKeys: { encryptionSecret: string };
  /** Bytes of uploads one company may keep across its imports. */
  imports: { storageLimitBytes: number };
  /** The durable job queue (pg-boss). */
  jobs: { pollingSeconds: number; maintenanceSeconds: number; reportExpireSeconds: number };
  /** Report mails; null: no mail, runs are shown in the app only. */
  mail: { smtpUrl: string; from: string } | null;
  demoData: boolean;
  /** Bearer token `GET /api/metrics` asks for; unset: open (keep it on an internal network). */
  metricsToken?: string;
  logLevel: EnvironmentVariables['LOG_LEVEL'];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

interface DevSecrets {
  jwtSecret: string;
  keyEncryptionSecret: string;
}

/**
 * Builds the typed configuration. In production the secrets must be set; elsewhere they are
 * generated once and kept in `CRM_DATA_DIR/secrets.json`, so tokens and stored keys survive restarts.
 */
export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const vars = parseEnvironment(env);
  const dataDir = isAbsolute(vars.CRM_DATA_DIR) ? vars.CRM_DATA_DIR : resolve(process.cwd(), vars.CRM_DATA_DIR);
  let jwtSecret = vars.JWT_SECRET;
  let encryptionSecret = vars.KEY_ENCRYPTION_SECRET;
  if (!jwtSecret || !encryptionSecret) {
    if (vars.NODE_ENV === 'production') {
      const missing = [!jwtSecret && 'JWT_SECRET', !encryptionSecret && 'KEY_ENCRYPTION_SECRET'].filter(Boolean);
      throw new Error(`Invalid configuration: ${missing.join(' and ')} must be set in production`);
    }
    const dev = readOrCreateDevSecrets(dataDir);
    jwtSecret ??= dev.jwtSecret;
    encryptionSecret ??= dev.keyEncryptionSecret;
  }
  if (vars.DATABASE_READ_URL && !vars.DATABASE_URL) {
    throw new Error('Invalid configuration: DATABASE_READ_URL needs DATABASE_URL (the primary it replicates)');
  }
  return {
    env: vars.NODE_ENV,
    http: {
      port: vars.PORT,
      webDist: vars.CRM_WEB_DIST ? resolve(vars.CRM_WEB_DIST) : undefined,
      bodyLimit: vars.BODY_LIMIT,
      authRequestsPerMinute: vars.AUTH_RATE_LIMIT,
      integrationRequestsPerMinute: vars.INTEGRATION_RATE_LIMIT,
    },
    database: {
      url: vars.DATABASE_URL,
      readUrl: vars.DATABASE_READ_URL,
      dataDir,
      poolSize: vars.DB_POOL_SIZE,
      statementTimeoutMs: vars.DB_STATEMENT_TIMEOUT_MS,
      poolWaitMs: vars.DB_POOL_WAIT_MS,
    },
    auth: { jwtSecret, accessTtlSeconds: vars.JWT_ACCESS_TTL, refreshTtlDays: vars.REFRESH_TOKEN_TTL_DAYS },
    apiKeys: { encryptionSecret },
    imports: { storageLimitBytes: parseByteSize(vars.IMPORT_STORAGE_LIMIT) },
    jobs: {
      pollingSeconds: vars.JOBS_POLL_SECONDS,
      maintenanceSeconds: vars.JOBS_MAINTENANCE_SECONDS,
      reportExpireSeconds: vars.REPORT_JOB_EXPIRE_SECONDS,
    },
    mail: vars.SMTP_URL && vars.MAIL_FROM ? { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM } : null,
    demoData: vars.CRM_DEMO_DATA === 'true',
    metricsToken: vars.METRICS_TOKEN,
    logLevel: vars.LOG_LEVEL,
  };
}

function readOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    keyEncryptionSecret: randomBytes(48).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}
