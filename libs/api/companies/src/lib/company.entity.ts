import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('companies')
export class Company {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** ISO 4217 code analytics default to. */
  @Column({ type: 'char', length: 3, default: 'RUB' })
  baseCurrency!: string;

  /** IANA time zone deciding day, week and month boundaries. */
  @Column({ type: 'text', default: 'UTC' })
  timeZone!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
