import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A company's integration key. The secret is looked up by its SHA-256 and kept encrypted
 * (AES-256-GCM under the server's key) so owners and admins can reveal it again.
 */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  companyId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  prefix!: string;

  @Column('text')
  keyHash!: string;

  @Column('text')
  secretEncrypted!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
