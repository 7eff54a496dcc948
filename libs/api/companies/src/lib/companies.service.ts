import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CompanyScope, TenantDatabase } from '@crm/api/core';
import type {
  CompanyMembershipResponse,
  CompanyResponse,
  CreatedCompanyResponse,
  UpdateCompanyDto,
} from '@crm/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { CompanyAccount } from './company-account.entity';
import { Company } from './company.entity';

/**
 * Companies. A company's own settings are read and changed in its tenant transaction; creating one
 * and listing a user's companies are the user's side, global paths on the plain `DataSource`.
 */
@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenantDb: TenantDatabase,
  ) {}

  /**
   * Creates a company with `userId` as its owner and the default sales pipeline, inside the caller's
   * transaction when given one.
   */
  async create(userId: string, name: string, manager?: EntityManager): Promise<CreatedCompanyResponse> {
    const run = async (m: EntityManager) => {
      const company = await m.getRepository(Company).save(m.getRepository(Company).create({ name }));
      await m.getRepository(CompanyAccount).insert({ companyId: company.id, userId, role: 'owner' });
      // Every company starts with the default sales pipeline (migration Deals1764600000000).
      await m.query(`SELECT crm_create_default_pipeline($1)`, [company.id]);
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

  /** The company's settings; in the caller's tenant transaction `m` when given. */
  async get(scope: CompanyScope, m?: EntityManager): Promise<CompanyResponse> {
    if (!m) return this.tenantDb.run(scope, (tx) => this.get(scope, tx));
    const company = await m.getRepository(Company).findOneBy({ id: scope.companyId });
    if (!company) throw new NotFoundException('Company not found');
    return toResponse(company);
  }

  /** Changes the settings (a time-zone change rebuilds the analytics in the same transaction, by trigger). */
  async update(scope: CompanyScope, dto: UpdateCompanyDto): Promise<CompanyResponse> {
    const changes: Partial<Company> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.baseCurrency !== undefined) changes.baseCurrency = dto.baseCurrency.toUpperCase();
    if (dto.timeZone !== undefined) changes.timeZone = dto.timeZone;
    return this.tenantDb.run(scope, async (m) => {
      if (Object.keys(changes).length > 0) await m.getRepository(Company).update({ id: scope.companyId }, changes);
      return this.get(scope, m);
    });
  }
}

function toResponse(company: Company): CompanyResponse {
  return { id: company.id, name: company.name, baseCurrency: company.baseCurrency, timeZone: company.timeZone };
}
