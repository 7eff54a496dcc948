import { CanActivate, ExecutionContext, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { CrmRequest } from '@crm/api/core';
import { coded, type CompanyRole } from '@crm/shared/contracts';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { CompanyAccount } from './company-account.entity';
import { ROLES_KEY } from './roles.decorator';

/**
 * Resolves the company scope of `/api/companies/:companyId/*` from the caller's membership.
 * Non-members get 404 (another tenant's ids are never confirmed); members without a role
 * required by `@Roles` get 403. Runs before validation, so a stranger learns nothing from a body.
 */
@Injectable()
export class CompanyMemberGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(CompanyAccount) private readonly accounts: Repository<CompanyAccount>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CrmRequest>();
    const companyId = request.params['companyId'];
    const user = request.user;
    if (!user || typeof companyId !== 'string' || !isUUID(companyId))
      throw new NotFoundException(coded('company_not_found', 'Company not found'));
    const account = await this.accounts.findOneBy({ companyId, userId: user.id });
    if (!account) throw new NotFoundException(coded('company_not_found', 'Company not found'));
    const roles = this.reflector.getAllAndOverride<CompanyRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(account.role)) {
      throw new ForbiddenException(coded('role_required', `This action needs the role ${roles.join(' or ')}`));
    }
    request.companyScope = { companyId, role: account.role, userId: user.id };
    return true;
  }
}
