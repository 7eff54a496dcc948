import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CompanyScope } from '@crm/api/core';
import type {
  CompanyMembershipResponse,
  CompanyResponse,
  CreatedCompanyResponse,
  UpdateCompanyDto,
} from '@crm/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { CompanyAccount } from './company-account.entity';
import { Company } from './company.entity';

@Injectable()
export class CompaniesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates a company with `userId` as its owner, inside the caller's transaction when given one. */
  async create(userId: string, name: string, manager?: EntityManager): Promise<CreatedCompanyResponse> {
    const run = async (m: EntityManager) => {
      const company = await m.getRepository(Company).save(m.getRepository(Company).create({ name }));
      await m.getRepository(CompanyAccount).insert({ companyId: company.id, userId, role: 'owner' });
      return { id: company.id, name: company.name };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** The companies a user belongs to, with the user's role, oldest membership first. */
  async listForUser(userId: string): Promise<CompanyMembershipResponse[]> {
    const rows: { id: string; name: string; role: CompanyMembershipResponse['role'] }[] = await this.dataSource.query(
      `SELECT c.id, c.name, a.role
         FROM company_accounts a JOIN companies c ON c.id = a.company_id
        WHERE a.user_id = $1
        ORDER BY a.created_at, c.name`,
      [userId],
    );
    return rows;
  }

  async get(scope: CompanyScope): Promise<CompanyResponse> {
    const company = await this.dataSource.getRepository(Company).findOneBy({ id: scope.companyId });
    if (!company) throw new NotFoundException('Company not found');
    return toResponse(company);
  }

  async update(scope: CompanyScope, dto: UpdateCompanyDto): Promise<CompanyResponse> {
    const repo = this.dataSource.getRepository(Company);
    const changes: Partial<Company> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.baseCurrency !== undefined) changes.baseCurrency = dto.baseCurrency.toUpperCase();
    if (dto.timeZone !== undefined) changes.timeZone = dto.timeZone;
    if (Object.keys(changes).length > 0) await repo.update({ id: scope.companyId }, changes);
    return this.get(scope);
  }
}

function toResponse(company: Company): CompanyResponse {
  return { id: company.id, name: company.name, baseCurrency: company.baseCurrency, timeZone: company.timeZone };
}
