import type { CompanyRole } from '@crm/shared/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A user's membership in a company, with the role it gives. A user may belong to several companies. */
@Entity('company_accounts')
export class CompanyAccount {
  @PrimaryColumn('uuid')
  companyId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @Column('text')
  role!: CompanyRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
