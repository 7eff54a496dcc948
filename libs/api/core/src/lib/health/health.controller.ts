import { type BeforeApplicationShutdown, Controller, Get, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../database/read-replica';
import { Public } from '../security/public.decorator';

/**
 * Health for people and for orchestrators. `GET /api/health`: the process answers and the database
 * does. `live`: the process answers (restart it when not). `ready`: send it traffic — the database
 * answers and the process is not shutting down (it stops being ready as soon as a SIGTERM arrives,
 * so a load balancer drains it while requests in flight finish).
 *
 * With a read replica (`DATABASE_READ_URL`) both also report it, `replica: { state, lagBytes }`
 * (bytes of WAL the replica has still to replay). A replica that is down does not make the API
 * unready: its reads go to the primary.
 */
interface HealthAnswer {
  status: 'ok';
  database: 'up';
  replica?: { state: 'up' | 'down'; lagBytes?: number };
}

@ApiTags('health')
@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly replica?: ReadReplica,
  ) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({
    schema: { example: { status: 'ok', database: 'up', replica: { state: 'up', lagBytes: 0 } } },
    description: '`replica` only when DATABASE_READ_URL is set',
  })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async check(): Promise<HealthAnswer> {
    await this.database();
    return this.withReplica();
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no database round trip)' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers and the process is not shutting down' })
  @ApiOkResponse({
    schema: { example: { status: 'ok', database: 'up', replica: { state: 'up', lagBytes: 0 } } },
    description: '`replica` only when DATABASE_READ_URL is set; a replica that is down leaves the API ready',
  })
  @ApiServiceUnavailableResponse({ description: 'Shutting down, or the database does not answer' })
  async ready(): Promise<HealthAnswer> {
    if (this.shuttingDown) throw new ServiceUnavailableException('Shutting down');
    await this.database();
    return this.withReplica();
  }

  private async withReplica(): Promise<HealthAnswer> {
    const replica = await this.replica?.status();
    return replica ? { status: 'ok', database: 'up', replica } : { status: 'ok', database: 'up' };
  }

  private async database(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('Database is unreachable');
    }
  }
}
