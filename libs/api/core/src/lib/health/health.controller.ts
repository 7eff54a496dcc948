import { type BeforeApplicationShutdown, Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../security/public.decorator';

/**
 * Health for people and for orchestrators. `GET /api/health`: the process answers and the database
 * does. `live`: the process answers (restart it when not). `ready`: send it traffic — the database
 * answers and the process is not shutting down (it stops being ready as soon as a SIGTERM arrives,
 * so a load balancer drains it while requests in flight finish).
 */
@ApiTags('health')
@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(private readonly dataSource: DataSource) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({ schema: { example: { status: 'ok', database: 'up' } } })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async check(): Promise<{ status: 'ok'; database: 'up' }> {
    await this.database();
    return { status: 'ok', database: 'up' };
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
  @ApiOkResponse({ schema: { example: { status: 'ok', database: 'up' } } })
  @ApiServiceUnavailableResponse({ description: 'Shutting down, or the database does not answer' })
  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    if (this.shuttingDown) throw new ServiceUnavailableException('Shutting down');
    await this.database();
    return { status: 'ok', database: 'up' };
  }

  private async database(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('Database is unreachable');
    }
  }
}
