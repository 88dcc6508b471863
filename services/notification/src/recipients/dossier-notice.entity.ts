import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Kinds of facts a dossier may have several of, each told to the citizen once. */
export const DOSSIER_NOTICE_KINDS = ['SUPPLEMENT_REQUESTED', 'EXTENDED', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPT_FAILED'] as const;
export type DossierNoticeKind = (typeof DOSSIER_NOTICE_KINDS)[number];

/**
 * One occurrence of a repeatable fact about a dossier — a supplement request, an extension, a delivery
 * attempt that started or failed — with the raw placeholder values of its message. Keyed by the
 * occurrence (the request's step and number, the extension id, the attempt number), so a redelivered
 * event adds nothing and a new request adds a row (and a message). Kept until the dossier is known
 * (`dossier.received`), like the facts in `dossier_recipient`.
 */
@Entity({ name: 'dossier_notice' })
export class DossierNotice {
  @PrimaryColumn({ name: 'dossier_code', type: 'text', primaryKeyConstraintName: 'pk_dossier_notice' }) dossierCode!: string;
  @PrimaryColumn({ name: 'kind', type: 'text', primaryKeyConstraintName: 'pk_dossier_notice' }) kind!: DossierNoticeKind;
  @PrimaryColumn({ name: 'occurrence', type: 'text', primaryKeyConstraintName: 'pk_dossier_notice' }) occurrence!: string;
  /** The template key chosen by the event (e.g. OUT_FOR_DELIVERY_COD when there is an amount to pay). */
  @Column({ name: 'template_key', type: 'text' }) templateKey!: string;
  /** Raw placeholder values (instants as ISO strings), without the dossier code and lookup link. */
  @Column({ name: 'values', type: 'jsonb' }) values!: Record<string, string>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
