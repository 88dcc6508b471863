import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a result goes, seen from the centre: same commune, same province, another province. */
export const POSTAGE_ZONES = ['SAME_COMMUNE', 'SAME_PROVINCE', 'OTHER_PROVINCE'] as const;
export type PostageZone = (typeof POSTAGE_ZONES)[number];

/**
 * The postage tariff, kept as data: one row per zone and weight band (the band holds parcels up to
 * `max_weight_grams`). An ADMIN replaces it (`PUT /v1/postage-tariff`); the migration loads EXAMPLE values.
 */
@Entity({ name: 'postage_tariff_band' })
export class PostageTariffBand {
  @PrimaryColumn({ name: 'zone', type: 'text', primaryKeyConstraintName: 'pk_postage_tariff_band' }) zone!: PostageZone;
  @PrimaryColumn({ name: 'max_weight_grams', type: 'integer', primaryKeyConstraintName: 'pk_postage_tariff_band' }) maxWeightGrams!: number;
  @Column({ name: 'postage_vnd', type: 'integer' }) postageVnd!: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
