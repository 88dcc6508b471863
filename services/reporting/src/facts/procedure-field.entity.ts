import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The field (lĩnh vực) used by form II.06a for a procedure code that does not map to one. */
export const UNKNOWN_FIELD = { code: 'KHAC', name: 'Khác' } as const;

/**
 * Procedure → field of procedure (lĩnh vực), the rows of form II.06a. Reference data kept by
 * reporting itself (it never reads intake's catalog): seeded by the migration from the demo
 * catalog; a procedure missing here is counted under {@link UNKNOWN_FIELD}.
 */
@Entity({ name: 'procedure_field' })
export class ProcedureField {
  @PrimaryColumn({ name: 'procedure_code', type: 'text', primaryKeyConstraintName: 'pk_procedure_field' }) procedureCode!: string;
  @Column({ name: 'field_code', type: 'text' }) fieldCode!: string;
  @Column({ name: 'field_name', type: 'text' }) fieldName!: string;
}
