import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProcessingTime } from '@motcua/calendar';

export interface ProcedureComponent {
  /** Stable code of the component within the procedure version (`TP01`, …); absent on rows written before versions. */
  code?: string;
  name: string;
  form: 'ORIGINAL' | 'CERTIFIED_COPY' | 'COPY';
  quantity: number;
  /** False for a conditional component, required only in the case `condition` describes. */
  required: boolean;
  condition?: string;
}

/**
 * A procedure of the national catalog (thủ tục hành chính) as this province runs it: the identity row,
 * kept equal to its newest version (`procedure_version`) for readers of the table. Reception, the
 * appointment and the forms read the version in effect (`CatalogRepository.findProcedure(m, code, at)`).
 */
@Entity({ name: 'procedure' })
export class Procedure {
  @PrimaryColumn({ name: 'code', type: 'text', primaryKeyConstraintName: 'pk_procedure' }) code!: string;
  @Column({ name: 'name', type: 'text' }) name!: string;
  @Column({ name: 'field_code', type: 'text' }) fieldCode!: string;
  @Column({ name: 'field_name', type: 'text' }) fieldName!: string;
  @Column({ name: 'competent_agency_code', type: 'text' }) competentAgencyCode!: string;
  /** Processing time (thời hạn giải quyết): value and unit, counted by the legal clock. */
  @Column({ name: 'processing_time', type: 'jsonb' }) processingTime!: ProcessingTime;
  @Column({ name: 'post_allowed', type: 'boolean', default: true }) postAllowed!: boolean;
  @Column({ name: 'components', type: 'jsonb', default: () => "'[]'" }) components!: ProcedureComponent[];
}
