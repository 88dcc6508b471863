import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Per-procedure postal settings: postage and COD of its orders, and whether its paper dossier travels between agencies. */
@Entity({ name: 'procedure_postal_config' })
export class ProcedurePostalConfig {
  @PrimaryColumn({ name: 'procedure_code', type: 'text', primaryKeyConstraintName: 'pk_procedure_postal_config' }) procedureCode!: string;
  /** Postage of an order (đồng), paid by the citizen with the fee or at the door. */
  @Column({ name: 'postage', type: 'integer', default: 0 }) postage!: number;
  /** Amount the carrier collects at the door (thu hộ, đồng); 0 = none. */
  @Column({ name: 'cod_amount', type: 'integer', default: 0 }) codAmount!: number;
  /** The paper dossier is carried between agencies at routing steps (default: no transfer). */
  @Column({ name: 'paper_transfer', type: 'boolean', default: false }) paperTransfer!: boolean;
  /** Postage of result deliveries from the tariff (zone and weight) instead of the fixed `postage`. */
  @Column({ name: 'postage_from_tariff', type: 'boolean', default: false }) postageFromTariff!: boolean;
  /** The citizen pays the dossier's fees (the procedure version's fees) to the postman: added to the COD. */
  @Column({ name: 'fees_on_delivery', type: 'boolean', default: false }) feesOnDelivery!: boolean;
  /** The citizen pays the postage to the postman: added to the COD. */
  @Column({ name: 'postage_on_delivery', type: 'boolean', default: false }) postageOnDelivery!: boolean;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
