import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const PROOF_KINDS = ['SIGNATURE', 'PHOTO'] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

/** Proof of delivery recorded by the centre's postman: who took the item, their ID, a signature or photo. */
@Entity({ name: 'delivery_proof' })
export class DeliveryProof {
  @PrimaryColumn('uuid', { name: 'order_id', primaryKeyConstraintName: 'pk_delivery_proof' }) orderId!: string;
  @Column({ name: 'recipient_name', type: 'text' }) recipientName!: string;
  /** CCCD (12 digits), CMND (9 digits) or passport number of the person who took the item. */
  @Column({ name: 'id_number', type: 'text' }) idNumber!: string;
  @Column({ name: 'kind', type: 'text' }) kind!: ProofKind;
  @Column({ name: 'content_type', type: 'text' }) contentType!: string;
  @Column({ name: 'image', type: 'bytea' }) image!: Buffer;
  @Column({ name: 'image_sha256', type: 'text' }) imageSha256!: string;
  /** When the item was handed over (as the postman states it). */
  @Column({ name: 'delivered_at', type: 'timestamptz' }) deliveredAt!: Date;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
