import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The agency tree as reporting knows it (reference data kept here, seeded by migration
 * `ReportingAggregates` from the intake demo catalog): aggregates roll up along `parent_code`.
 */
@Entity({ name: 'reporting_agency' })
@Index('ix_reporting_agency_parent_code', ['parentCode'])
export class ReportingAgency {
  @PrimaryColumn({ name: 'code', type: 'text', primaryKeyConstraintName: 'pk_reporting_agency' }) code!: string;
  @Column({ name: 'parent_code', type: 'text', nullable: true }) parentCode!: string | null;
  /** PROVINCE, CENTER, DEPARTMENT, COMMUNE. */
  @Column({ name: 'level', type: 'text' }) level!: string;
  @Column({ name: 'name', type: 'text' }) name!: string;
}
