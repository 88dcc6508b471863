import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProcessingTime } from '@motcua/calendar';
import type { ProcedureComponent } from './procedure.entity';

export const PROCEDURE_LEVELS = ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];
export const ONLINE_LEVELS = ['FULL', 'PARTIAL', 'NONE'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
/** Competent-agency rules (instead of a fixed agency code). */
export const COMPETENT_AGENCY_RULES = ['COMMUNE_OF_RESIDENCE', 'RECEIVING_AGENCY'] as const;
export type CompetentAgencyRule = (typeof COMPETENT_AGENCY_RULES)[number];

export interface ProcedureFee {
  /** Vietnamese name of the fee or charge (phí, lệ phí). */
  name: string;
  amountVnd: number;
}

/**
 * One version of a procedure. Never updated: a change is a new version (`version` + 1). The version in
 * effect at a local date is the highest-numbered one whose `[effectiveFrom, effectiveTo)` covers it.
 */
@Entity({ name: 'procedure_version' })
@Index('ix_procedure_version_unpublished', ['publishedAt'], { where: 'published_at IS NULL' })
export class ProcedureVersion {
  @PrimaryColumn({ name: 'procedure_code', type: 'text', primaryKeyConstraintName: 'pk_procedure_version' }) procedureCode!: string;
  @PrimaryColumn({ name: 'version', type: 'integer', primaryKeyConstraintName: 'pk_procedure_version' }) version!: number;
  /** Code in the national procedure database (csdl.dichvucong.gov.vn); null for the province's own (liên thông) codes. */
  @Column({ name: 'national_code', type: 'text', nullable: true }) nationalCode!: string | null;
  @Column({ name: 'name', type: 'text' }) name!: string;
  @Column({ name: 'field_code', type: 'text' }) fieldCode!: string;
  @Column({ name: 'field_name', type: 'text' }) fieldName!: string;
  @Column({ name: 'level', type: 'text' }) level!: ProcedureLevel;
  /** A fixed competent agency (`LLL.LL.LL.XNN`), or null when `competentAgencyRule` applies. */
  @Column({ name: 'competent_agency_code', type: 'text', nullable: true }) competentAgencyCode!: string | null;
  @Column({ name: 'competent_agency_rule', type: 'text', nullable: true }) competentAgencyRule!: CompetentAgencyRule | null;
  @Column({ name: 'components', type: 'jsonb' }) components!: ProcedureComponent[];
  @Column({ name: 'processing_time', type: 'jsonb' }) processingTime!: ProcessingTime;
  @Column({ name: 'fees', type: 'jsonb' }) fees!: ProcedureFee[];
  @Column({ name: 'online_level', type: 'text' }) onlineLevel!: OnlineLevel;
  @Column({ name: 'post_may_carry_dossier', type: 'boolean' }) postMayCarryDossier!: boolean;
  @Column({ name: 'post_may_carry_result', type: 'boolean' }) postMayCarryResult!: boolean;
  /** Local dates (Asia/Ho_Chi_Minh), `effectiveTo` exclusive, null = open. */
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  @Column({ name: 'effective_to', type: 'date', nullable: true }) effectiveTo!: string | null;
  /** SHA-256 of the content: re-importing identical content adds no version. */
  @Column({ name: 'content_hash', type: 'text' }) contentHash!: string;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** When `catalog.procedure-version-published` went to the outbox; null: not yet (versions made by a migration). */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
}

/** The content of a version: what an admin or an import file gives. */
export type ProcedureVersionContent = Omit<
  ProcedureVersion,
  'procedureCode' | 'version' | 'contentHash' | 'createdBy' | 'createdAt' | 'publishedAt'
>;

/**
 * A procedure as reception, the appointment and the forms read it: the version in effect, with the
 * fields of the former flat procedure (`competentAgencyCode`, `postAllowed`) kept.
 */
export interface ProcedureView extends ProcedureVersionContent {
  code: string;
  /** The version number; null for a procedure row without versions (written directly, e.g. by tests). */
  version: number | null;
  /** The fixed competent agency; for a rule, the agency the rule resolves to, else '' until resolved. */
  competentAgencyCode: string;
  /** Whether the result may be returned by post (= `postMayCarryResult`). */
  postAllowed: boolean;
}
