import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Every environment variable the API reads. `.env.example` documents each one. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** PostgreSQL connection string; unset → the embedded database in CRM_DATA_DIR. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /**
   * A streaming read replica of DATABASE_URL's database (`postgres://…`), for analytics reads; unset →
   * every read goes to DATABASE_URL. A company that has just written reads from the primary until the
   * replica has replayed its write (docs/scaling.md, step 4).
   */
  @IsOptional()
  @Matches(/^postgres(?:ql)?:\/\/\S+$/, { message: 'DATABASE_READ_URL must be a postgres:// connection string' })
  DATABASE_READ_URL?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  /** Longest a statement may run, in ms (0: no limit); cancelled with SQLSTATE 57014 after. Migrations have none. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 30_000;

  /** Longest a request waits for a free pool connection, in ms, before it fails (503) instead of hanging. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(100)
  DB_POOL_WAIT_MS = 10_000;

  @IsString()
  CRM_DATA_DIR = '.data';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'KEY_ENCRYPTION_SECRET must be at least 32 characters' })
  KEY_ENCRYPTION_SECRET?: string;

  /** Lifetime of an access token, in seconds. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(30)
  JWT_ACCESS_TTL = 900;

  /** Lifetime of a refresh token, in days. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Folder of the built web app to serve same-origin (production); unset → API only. */
  @IsOptional()
  @IsString()
  CRM_WEB_DIST?: string;

  /** `true` → create the demo company on an empty database at start-up. */
  @IsOptional()
  @IsIn(['true', 'false'])
  CRM_DEMO_DATA?: 'true' | 'false';

  /** Largest accepted JSON body, e.g. `10mb` (a batch of 5,000 items fits). */
  @IsString()
  BODY_LIMIT = '10mb';

  /** Bytes of CSV uploads one company may keep (all its imports together), e.g. `5gb`; above: 413. */
  @Matches(/^\d+(?:\.\d+)?\s*(?:b|kb|mb|gb|tb)?$/i, {
    message: 'IMPORT_STORAGE_LIMIT must be a size such as 5gb or 500mb',
  })
  IMPORT_STORAGE_LIMIT = '5gb';

  /** Requests per minute and address to /api/auth/* (login, register, refresh). */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT = 30;

  /** Requests per minute and API key to /api/v1/* (a batch of 5,000 items is one request). */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  INTEGRATION_RATE_LIMIT = 1200;

  /** When set, `GET /api/metrics` asks for `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @IsString()
  METRICS_TOKEN?: string;
  /** Seconds between polls of each job-queue worker (reports generation). */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber()
  @Min(0.5)
  @Max(60)
  JOBS_POLL_SECONDS = 1;

  /** Seconds between job-queue maintenance passes: jobs of a process that died are failed (and retried) there. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  JOBS_MAINTENANCE_SECONDS = 30;

  /** Seconds a report generation may run before it counts as dead and is retried (another process picks it up). */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(2)
  @Max(86_400)
  REPORT_JOB_EXPIRE_SECONDS = 600;

  /** SMTP server for scheduled reports by mail, e.g. `smtp://user:pass@mail.example.ru:587`; unset → runs stay in the app. */
  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  /** Sender of report mails, e.g. `CRM <reports@example.ru>`; mail is sent only when both SMTP_URL and MAIL_FROM are set. */
  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** `5gb` → 5368709120 (binary units, as `BODY_LIMIT`); a bare number is bytes. */
export function parseByteSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)?$/i.exec(text.trim());
  if (!match) throw new Error(`Not a size: ${text}`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}

/** Parses and validates the environment; throws one error naming every bad variable. */
export function parseEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed;
}
