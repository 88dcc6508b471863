import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const AGENCY_LEVELS = ['PROVINCE', 'DEPARTMENT', 'CENTER', 'DISTRICT', 'COMMUNE'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/** An agency of the province's tree (two-level since 07/2025, three-level before): data, not code. */
@Entity({ name: 'agency' })
@Index('ix_agency_parent_code', ['parentCode'])
export class Agency {
  @PrimaryColumn({ name: 'code', type: 'text', primaryKeyConstraintName: 'pk_agency' }) code!: string;
  @Column({ name: 'name', type: 'text' }) name!: string;
  @Column({ name: 'level', type: 'text' }) level!: AgencyLevel;
  @Column({ name: 'parent_code', type: 'text', nullable: true }) parentCode!: string | null;
  @Column({ name: 'province_code', type: 'text' }) provinceCode!: string;
  /** The agency's own office hours (`07:30-11:30,13:30-17:00`); null: the province's (OFFICE_HOURS). */
  @Column({ name: 'office_hours', type: 'text', nullable: true }) officeHours?: string | null;
}
