import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { managerOf, runInTransaction } from '@motcua/messaging';
import { DomainError, FieldProblem } from '@motcua/platform';
import { POSTAGE_ZONES, PostageTariffBand, PostageZone } from './postage-tariff.entity';

/**
 * EXAMPLE VALUES ONLY (not VNPost's price list): the tariff the first migration loads so that a fresh
 * installation quotes something. Each province's administrator replaces it with its contract prices.
 */
export const EXAMPLE_POSTAGE_TARIFF: ReadonlyArray<{ zone: PostageZone; maxWeightGrams: number; postageVnd: number }> = [
  { zone: 'SAME_COMMUNE', maxWeightGrams: 250, postageVnd: 15_000 },
  { zone: 'SAME_COMMUNE', maxWeightGrams: 500, postageVnd: 18_000 },
  { zone: 'SAME_COMMUNE', maxWeightGrams: 2_000, postageVnd: 25_000 },
  { zone: 'SAME_PROVINCE', maxWeightGrams: 250, postageVnd: 20_000 },
  { zone: 'SAME_PROVINCE', maxWeightGrams: 500, postageVnd: 24_000 },
  { zone: 'SAME_PROVINCE', maxWeightGrams: 2_000, postageVnd: 32_000 },
  { zone: 'OTHER_PROVINCE', maxWeightGrams: 250, postageVnd: 28_000 },
  { zone: 'OTHER_PROVINCE', maxWeightGrams: 500, postageVnd: 34_000 },
  { zone: 'OTHER_PROVINCE', maxWeightGrams: 2_000, postageVnd: 48_000 },
];

/** The zone of a destination seen from the centre (commune codes are unique nationwide; older addresses still have them). */
export function zoneOf(
  from: { communeCode: string; provinceCode: string },
  to: { communeCode?: string | null; provinceCode?: string | null },
): PostageZone {
  if (to.provinceCode !== from.provinceCode) return 'OTHER_PROVINCE';
  return to.communeCode === from.communeCode ? 'SAME_COMMUNE' : 'SAME_PROVINCE';
}

/** The band that holds the weight: the lightest band at least as heavy; above every band, the heaviest band's price. */
export function postageFor(
  bands: Array<Pick<PostageTariffBand, 'zone' | 'maxWeightGrams' | 'postageVnd'>>,
  zone: PostageZone,
  grams: number,
): number | null {
  const ofZone = bands.filter((b) => b.zone === zone).sort((a, b) => a.maxWeightGrams - b.maxWeightGrams);
  if (!ofZone.length) return null;
  return (ofZone.find((b) => grams <= b.maxWeightGrams) ?? ofZone[ofZone.length - 1]).postageVnd;
}

export interface TariffBandInput {
  zone: PostageZone;
  maxWeightGrams: number;
  postageVnd: number;
}

@Injectable()
export class PostageTariff {
  constructor(private readonly db: DataSource) {}

  bands(m: EntityManager = managerOf(this.db)): Promise<PostageTariffBand[]> {
    return m.getRepository(PostageTariffBand).find({ order: { zone: 'ASC', maxWeightGrams: 'ASC' } });
  }

  /** Postage of a parcel; a zone without bands is a configuration error the administrator must fix. */
  async quote(m: EntityManager, zone: PostageZone, grams: number): Promise<number> {
    const price = postageFor(await this.bands(m), zone, grams);
    if (price === null) throw new Error(`The postage tariff has no band for zone ${zone}`);
    return price;
  }

  /**
   * Postage of an order between the centre and a citizen's address (result delivery or pickup, same zones
   * and weight bands): the tariff's when the procedure takes postage from it (zone: null otherwise), else the
   * procedure's fixed amount.
   */
  async postageOf(
    m: EntityManager,
    charges: { postage: number; postageFromTariff: boolean },
    centre: { communeCode: string; provinceCode: string },
    address: { communeCode?: string | null; provinceCode?: string | null },
    grams: number,
  ): Promise<{ postage: number; zone: PostageZone | null }> {
    if (!charges.postageFromTariff) return { postage: charges.postage, zone: null };
    const zone = zoneOf(centre, address);
    return { postage: await this.quote(m, zone, grams), zone };
  }

  /** Replaces the whole tariff: every zone needs at least one band, weights unique within a zone. */
  async replace(bands: TariffBandInput[], user: AuthUser): Promise<PostageTariffBand[]> {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    bands.forEach((b, i) => {
      const key = `${b.zone}:${b.maxWeightGrams}`;
      if (seen.has(key))
        problems.push({ field: `bands[${i}].maxWeightGrams`, rule: 'unique', message: 'Trùng nấc khối lượng trong cùng vùng' });
      seen.add(key);
    });
    for (const zone of POSTAGE_ZONES) {
      if (!bands.some((b) => b.zone === zone))
        problems.push({ field: 'bands', rule: 'everyZone', message: `Thiếu bảng cước của vùng ${zone}` });
    }
    if (problems.length) throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);
    return runInTransaction(this.db, async (m) => {
      await m.getRepository(PostageTariffBand).createQueryBuilder().delete().execute();
      await m.getRepository(PostageTariffBand).insert(bands.map((b) => ({ ...b, updatedBy: user.sub })));
      return this.bands(m);
    });
  }
}
