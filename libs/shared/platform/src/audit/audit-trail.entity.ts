import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row change of a service table (ARCHITECTURE.md, Security: every state change is written to an
 * append-only audit trail). Written by a PostgreSQL trigger in the same transaction as the change, so
 * no code path can change state without leaving a row; UPDATE, DELETE and TRUNCATE of this table are
 * refused by triggers. Rows are read through `GET /v1/audit-trail` (admins and supervisors).
 */
@Entity({ name: 'audit_trail' })
@Index('ix_audit_trail_row', ['tableName', 'rowKey', 'id'])
@Index('ix_audit_trail_correlation', ['correlationId', 'id'])
export class AuditTrailEntity {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'bigint', primaryKeyConstraintName: 'pk_audit_trail' })
  id!: string;

  @Column({ name: 'at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  at!: Date;

  /** The PostgreSQL transaction: rows with the same tx_id changed together. */
  @Column({ name: 'tx_id', type: 'bigint', default: () => 'txid_current()' })
  txId!: string;

  @Column({ name: 'table_name', type: 'text' })
  tableName!: string;

  /** INSERT, UPDATE or DELETE. */
  @Column({ name: 'operation', type: 'text' })
  operation!: string;

  /** The changed row's primary key values joined by "/". */
  @Column({ name: 'row_key', type: 'text', nullable: true })
  rowKey!: string | null;

  /** The new row (INSERT), the old row (DELETE), or `{column: [old, new]}` of the changed columns (UPDATE). */
  @Column({ name: 'changes', type: 'jsonb' })
  changes!: Record<string, unknown>;

  /** Who: `user:<sub>` for a staff request, `event:<type>` for an event handler; null for background work. */
  @Column({ name: 'actor', type: 'text', nullable: true })
  actor!: string | null;

  /** The request's correlation id, or the event's (the dossier code). */
  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId!: string | null;
}
