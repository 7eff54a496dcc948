import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '@crm/api/companies';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKey } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { LastUsedTracker } from './last-used.tracker';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), CompaniesModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyGuard, LastUsedTracker],
  exports: [ApiKeysService, ApiKeyGuard],
})
export class ApiKeysModule {}
