import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How the citizen wants the result back (and where, for the post), learnt from `dossier.received`. */
@Entity({ name: 'delivery_request' })
export class DeliveryRequest {
  @PrimaryColumn({ name: 'dossier_code', type: 'text', primaryKeyConstraintName: 'pk_delivery_request' }) dossierCode!: string;
  @Column({ name: 'procedure_code', type: 'text', nullable: true }) procedureCode!: string | null;
  @Column({ name: 'procedure_name', type: 'text' }) procedureName!: string;
  @Column({ name: 'receiving_agency_code', type: 'text' }) receivingAgencyCode!: string;
  @Column({ name: 'result_delivery', type: 'text' }) resultDelivery!: 'COUNTER' | 'POST' | 'ONLINE';
  @Column({ name: 'recipient_name', type: 'text', nullable: true }) recipientName!: string | null;
  @Column({ name: 'recipient_phone', type: 'text', nullable: true }) recipientPhone!: string | null;
  @Column({ name: 'address_line', type: 'text', nullable: true }) addressLine!: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  @Column({ name: 'district_code', type: 'text', nullable: true }) districtCode!: string | null;
  @Column({ name: 'province_code', type: 'text', nullable: true }) provinceCode!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  /** When intake was told the result stays at the counter because the procedure forbids the post to carry it (once). */
  @Column({ name: 'held_at_counter_at', type: 'timestamptz', nullable: true }) heldAtCounterAt?: Date | null;
}
