import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export interface CatalogComponent {
  code: string;
  name: string;
  form: 'ORIGINAL' | 'CERTIFIED_COPY' | 'COPY';
  quantity: number;
  required: boolean;
  condition?: string;
}

export interface CatalogFee {
  name: string;
  amountVnd: number;
}

/**
 * A published version of a procedure as postal needs it (component list for the postman, fees for the
 * door and for COD), learnt from `catalog.procedure-version-published` v1. Every version is kept (they are
 * immutable), so a redelivered or late, out-of-order version changes nothing; the one in force on a day
 * is picked when read.
 */
@Entity({ name: 'procedure_version' })
@Index('ix_procedure_version_code_from', ['procedureCode', 'effectiveFrom'])
export class ProcedureVersion {
  @PrimaryColumn({ name: 'procedure_code', type: 'text', primaryKeyConstraintName: 'pk_procedure_version' }) procedureCode!: string;
  @PrimaryColumn({ name: 'version', type: 'integer', primaryKeyConstraintName: 'pk_procedure_version' }) version!: number;
  @Column({ name: 'name', type: 'text' }) name!: string;
  /** Local dates (YYYY-MM-DD); `effective_to` exclusive, null = open. */
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  @Column({ name: 'effective_to', type: 'date', nullable: true }) effectiveTo!: string | null;
  @Column({ name: 'components', type: 'jsonb' }) components!: CatalogComponent[];
  @Column({ name: 'fees', type: 'jsonb' }) fees!: CatalogFee[];
  @Column({ name: 'post_may_carry_dossier', type: 'boolean' }) postMayCarryDossier!: boolean;
  @Column({ name: 'post_may_carry_result', type: 'boolean' }) postMayCarryResult!: boolean;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt!: Date;
}
