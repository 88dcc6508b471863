import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PICKUP_CHANNELS = ['COUNTER', 'PORTAL', 'PHONE'] as const;
export type PickupChannel = (typeof PICKUP_CHANNELS)[number];

/**
 * What a pickup order (thu gom) collects and where: the citizen's request, one per delivery_order of
 * kind PICKUP (whose `dossier_code` column holds the pickup reference, the order number at the carrier).
 */
@Entity({ name: 'pickup_request' })
export class PickupRequest {
  @PrimaryColumn({ name: 'order_id', type: 'uuid', primaryKeyConstraintName: 'pk_pickup_request' }) orderId!: string;
  /** Through which channel the citizen asked (portal, counter, phone line). */
  @Column({ name: 'channel', type: 'text' }) channel!: PickupChannel;
  @Column({ name: 'procedure_code', type: 'text' }) procedureCode!: string;
  @Column({ name: 'procedure_name', type: 'text' }) procedureName!: string;
  @Column({ name: 'applicant_name', type: 'text' }) applicantName!: string;
  @Column({ name: 'applicant_phone', type: 'text' }) applicantPhone!: string;
  @Column({ name: 'address_line', type: 'text' }) addressLine!: string;
  @Column({ name: 'commune_code', type: 'text' }) communeCode!: string;
  @Column({ name: 'district_code', type: 'text', nullable: true }) districtCode!: string | null;
  @Column({ name: 'province_code', type: 'text' }) provinceCode!: string;
  @Column({ name: 'window_from', type: 'timestamptz' }) windowFrom!: Date;
  @Column({ name: 'window_to', type: 'timestamptz' }) windowTo!: Date;
  @Column({ name: 'note', type: 'text', nullable: true }) note!: string | null;
  /** Staff account (or integrator) that placed the request. */
  @Column({ name: 'requested_by', type: 'text' }) requestedBy!: string;
  /** When the post took the sealed package (VNPost 6): the postal receipt time. */
  @Column({ name: 'postal_receipt_at', type: 'timestamptz', nullable: true }) postalReceiptAt!: Date | null;
  /** What the postman took at the door (checked against `procedure_version`), recorded once. */
  @Column({ name: 'collected_at', type: 'timestamptz', nullable: true }) collectedAt?: Date | null;
  @Column({ name: 'collected_by', type: 'text', nullable: true }) collectedBy?: string | null;
  /** The catalog version the components were checked against. */
  @Column({ name: 'procedure_version', type: 'integer', nullable: true }) procedureVersion?: number | null;
  @Column({ name: 'collected_components', type: 'jsonb', nullable: true }) collectedComponents?: CollectedComponent[] | null;
  /** Fees (đồng) the version lists, and what the postman collected at the door against a receipt. */
  @Column({ name: 'fees_expected', type: 'integer', nullable: true }) feesExpected?: number | null;
  @Column({ name: 'fees_collected', type: 'integer', nullable: true }) feesCollected?: number | null;
  /** Number of the seal on the package, closed in front of the citizen. */
  @Column({ name: 'seal_number', type: 'text', nullable: true }) sealNumber?: string | null;
  @Column({ name: 'collection_note', type: 'text', nullable: true }) collectionNote?: string | null;
}

export interface CollectedComponent {
  code: string;
  name: string;
  quantity: number;
  required: boolean;
}
