import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The citizen's satisfaction rating of a dossier: at most one per dossier. */
@Entity({ name: 'dossier_evaluation' })
export class DossierEvaluation {
  @PrimaryColumn({ name: 'dossier_id', type: 'uuid', primaryKeyConstraintName: 'pk_dossier_evaluation' }) dossierId!: string;
  /** 1 Rất hài lòng … 5 Rất không hài lòng (SATISFACTION_LEVELS). */
  @Column({ name: 'level', type: 'text' }) level!: string;
  @Column({ name: 'comment', type: 'text', nullable: true }) comment!: string | null;
  @Column({ name: 'evaluated_at', type: 'timestamptz' }) evaluatedAt!: Date;
}
