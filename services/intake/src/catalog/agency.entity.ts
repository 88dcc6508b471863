import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const AGENCY_LEVELS = ['PROVINCE', 'DEPARTMENT', 'CENTER', 'CENTER_BRANCH', 'DISTRICT', 'COMMUNE'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
/** Which administrative tree an agency belongs to: two-level (since 01/07/2025), three-level (before), or both. */
export const AGENCY_TREES = ['TWO_LEVEL', 'THREE_LEVEL', 'BOTH'] as const;
export type AgencyTree = (typeof AGENCY_TREES)[number];
/** The national agency identifier `LLL.LL.LL.XNN` (Decision 20/2020/QĐ-TTg). */
export const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/** An agency of the province's tree (two-level since 07/2025, three-level before): data, not code. */
@Entity({ name: 'agency' })
@Index('ix_agency_parent_code', ['parentCode'])
export class Agency {
  @PrimaryColumn({ name: 'code', type: 'text', primaryKeyConstraintName: 'pk_agency' }) code!: string;
  @Column({ name: 'name', type: 'text' }) name!: string;
  @Column({ name: 'level', type: 'text' }) level!: AgencyLevel;
  @Column({ name: 'parent_code', type: 'text', nullable: true }) parentCode!: string | null;
  @Column({ name: 'province_code', type: 'text' }) provinceCode!: string;
  /**
   * The agency's own office hours (`07:30-11:30,13:30-17:00`); null: its province's row, else the
   * configured OFFICE_HOURS. Set through `PUT /v1/agencies/{code}/office-hours`.
   */
  @Column({ name: 'office_hours', type: 'text', nullable: true }) officeHours?: string | null;
  @Column({ name: 'tree', type: 'text', default: 'TWO_LEVEL' }) tree?: AgencyTree;
  /** Local dates of validity (`validTo` exclusive); null = open. */
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom?: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo?: string | null;
  /** False once deactivated by an administrator (kept: dossiers and history refer to it). */
  @Column({ name: 'active', type: 'boolean', default: true }) active?: boolean;
  /** For a commune or district: the administrative-unit code (5 digits for xã/phường, 3 for huyện). */
  @Column({ name: 'admin_unit_code', type: 'text', nullable: true }) adminUnitCode?: string | null;
}
