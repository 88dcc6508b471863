import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a dossier's paper is (learnt from `dossier.received`): at the receiving centre first, then at the
 * agency the last transfer went to. Only dossiers that have paper get a row (counter and postal channels by
 * default; online ones when their procedure is configured with `paperTransfer`).
 */
@Entity({ name: 'paper_dossier' })
export class PaperDossier {
  @PrimaryColumn({ name: 'dossier_code', type: 'text', primaryKeyConstraintName: 'pk_paper_dossier' }) dossierCode!: string;
  /** The receiving centre: where the paper starts and where it comes back once resolved. */
  @Column({ name: 'centre_code', type: 'text' }) centreCode!: string;
  @Column({ name: 'channel', type: 'text' }) channel!: string;
  @Column({ name: 'procedure_code', type: 'text', nullable: true }) procedureCode!: string | null;
  @Column({ name: 'procedure_name', type: 'text' }) procedureName!: string;
  /** Where the paper is (or is on its way to). */
  @Column({ name: 'location_code', type: 'text' }) locationCode!: string;
  /** Where it was before its last move: parallel branches started together all take their paper from there. */
  @Column({ name: 'previous_location_code', type: 'text', nullable: true }) previousLocationCode!: string | null;
  /**
   * Agencies other than `location_code` holding a copy that went down a parallel branch: when the branches
   * rejoin (a later step) or the dossier is resolved, each of them sends its copy on too.
   */
  @Column({ name: 'copy_holders', type: 'text', array: true, default: '{}' }) copyHolders!: string[];
  /** Start time of the step that moved the paper last (parallel siblings share it). */
  @Column({ name: 'location_since', type: 'timestamptz' }) locationSince!: Date;
  /** When the dossier was resolved: steps reported after that move no paper. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
