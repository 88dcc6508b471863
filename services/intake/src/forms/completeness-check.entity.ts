import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CompletenessOutcome, MissingComponent, PresentedComponent } from './completeness';

/** One check of a presented dossier against its procedure's components, with the form it produced. */
@Entity({ name: 'completeness_check' })
@Index('ux_completeness_check_number', ['number'], { unique: true, where: 'number IS NOT NULL' })
@Index('ix_completeness_check_agency_checked_at', ['agencyCode', 'checkedAt'])
export class CompletenessCheck {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_completeness_check' }) id!: string;
  @Column({ name: 'outcome', type: 'text' }) outcome!: CompletenessOutcome;
  /** Printed number of form 02 or 03 (`{agency}-{yyyy}-{form}-{NNNNN}`); null for COMPLETE (form 01 comes with the dossier). */
  @Column({ name: 'number', type: 'text', nullable: true }) number!: string | null;
  @Column({ name: 'form_set', type: 'text' }) formSet!: string;
  @Column({ name: 'form_number', type: 'text' }) formNumber!: string;
  @Column({ name: 'procedure_code', type: 'text' }) procedureCode!: string;
  @Column({ name: 'procedure_name', type: 'text' }) procedureName!: string;
  @Column({ name: 'agency_code', type: 'text' }) agencyCode!: string;
  @Column({ name: 'applicant_name', type: 'text', nullable: true }) applicantName!: string | null;
  @Column({ name: 'presented', type: 'jsonb' }) presented!: Array<PresentedComponent & { index: number; name: string }>;
  @Column({ name: 'missing', type: 'jsonb' }) missing!: MissingComponent[];
  @Column({ name: 'refusal_reason', type: 'text', nullable: true }) refusalReason!: string | null;
  @Column({ name: 'checked_by', type: 'text' }) checkedBy!: string;
  @Column({ name: 'checked_by_name', type: 'text' }) checkedByName!: string;
  @Column({ name: 'checked_at', type: 'timestamptz' }) checkedAt!: Date;
}

/** Last number given per agency, year and form (02, 03): one row locked per increment. */
@Entity({ name: 'form_number_sequence' })
export class FormNumberSequence {
  @PrimaryColumn({ name: 'agency_code', type: 'text', primaryKeyConstraintName: 'pk_form_number_sequence' }) agencyCode!: string;
  @PrimaryColumn({ name: 'year', type: 'int', primaryKeyConstraintName: 'pk_form_number_sequence' }) year!: number;
  @PrimaryColumn({ name: 'form_kind', type: 'text', primaryKeyConstraintName: 'pk_form_number_sequence' }) formKind!: string;
  @Column({ name: 'last_value', type: 'int' }) lastValue!: number;
}
