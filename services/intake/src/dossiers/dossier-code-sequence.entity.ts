import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last dossier number issued per receiving agency and local date. */
@Entity({ name: 'dossier_code_sequence' })
export class DossierCodeSequence {
  @PrimaryColumn({ name: 'agency_code', type: 'text', primaryKeyConstraintName: 'pk_dossier_code_sequence' }) agencyCode!: string;
  @PrimaryColumn({ name: 'local_date', type: 'date', primaryKeyConstraintName: 'pk_dossier_code_sequence' }) localDate!: string;
  @Column({ name: 'last_value', type: 'integer' }) lastValue!: number;
}
