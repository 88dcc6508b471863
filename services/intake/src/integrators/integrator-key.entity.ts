import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const INTEGRATORS = ['NATIONAL_PORTAL', 'PROVINCIAL_PORTAL'] as const;
export type Integrator = (typeof INTEGRATORS)[number];

/**
 * A key an integrator (the national or the provincial public-service portal) submits online dossiers
 * with. Only the SHA-256 of the key is stored; `prefix` (the key's public part) finds the row.
 */
@Entity({ name: 'integrator_key' })
@Index('ux_integrator_key_prefix', ['prefix'], { unique: true })
export class IntegratorKey {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_integrator_key' }) id!: string;
  @Column({ name: 'prefix', type: 'text' }) prefix!: string;
  @Column({ name: 'key_hash', type: 'text' }) keyHash!: string;
  @Column({ name: 'integrator', type: 'text' }) integrator!: Integrator;
  @Column({ name: 'name', type: 'text' }) name!: string;
  /** Receiving agencies the integrator may submit to (non-empty). */
  @Column({ name: 'allowed_agency_codes', type: 'jsonb' }) allowedAgencyCodes!: string[];
  /** Procedures it may submit; null: every procedure. */
  @Column({ name: 'allowed_procedure_codes', type: 'jsonb', nullable: true }) allowedProcedureCodes!: string[] | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by', type: 'text', nullable: true }) revokedBy!: string | null;
}
