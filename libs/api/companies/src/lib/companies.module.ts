import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '@crm/api/users';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { CompanyAccount } from './company-account.entity';
import { CompanyMemberGuard } from './company-member.guard';
import { Company } from './company.entity';
import { CompanyInvitationsController, MyInvitationsController } from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [TypeOrmModule.forFeature([Company, CompanyAccount]), UsersModule],
  controllers: [CompaniesController, MembersController, CompanyInvitationsController, MyInvitationsController],
  providers: [CompaniesService, MembersService, InvitationsService, CompanyMemberGuard],
  // The guard and its repository are exported so every company-scoped feature can use @CompanyRoute().
  exports: [CompaniesService, CompanyMemberGuard, TypeOrmModule],
})
export class CompaniesModule {}
