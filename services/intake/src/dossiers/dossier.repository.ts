import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DossierCodeSequence } from './dossier-code-sequence.entity';
import { Dossier } from './dossier.entity';
import { DossierTimelineEntry } from './dossier-timeline.entity';

@Injectable()
export class DossierRepository {
  /**
   * Next number for an agency and local date. The upsert takes a row lock held until commit, so
   * concurrent intakes at one agency serialise here and never share a number.
   */
  async nextNumber(m: EntityManager, agencyCode: string, localDate: string): Promise<number> {
    const rows: Array<{ last_value: number }> = await m.query(
      `INSERT INTO dossier_code_sequence (agency_code, local_date, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, local_date) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
       RETURNING last_value`,
      [agencyCode, localDate],
    );
    return rows[0].last_value;
  }

  findByCode(m: EntityManager, code: string, lock = false): Promise<Dossier | null> {
    return m.getRepository(Dossier).findOne({ where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findByIdempotencyKey(m: EntityManager, key: string): Promise<Dossier | null> {
    return m.getRepository(Dossier).findOne({ where: { idempotencyKey: key } });
  }

  /** A plain INSERT (no SELECT first, even with the id given); generated columns are read back into the entity. */
  async insert(m: EntityManager, dossier: Partial<Dossier>): Promise<Dossier> {
    const entity = m.getRepository(Dossier).create(dossier);
    await m.getRepository(Dossier).insert(entity);
    return entity;
  }

  async save(m: EntityManager, dossier: Dossier): Promise<Dossier> {
    return m.getRepository(Dossier).save(dossier);
  }

  async addTimeline(m: EntityManager, entry: Omit<DossierTimelineEntry, 'id'>): Promise<void> {
    await m.getRepository(DossierTimelineEntry).insert(entry);
  }

  async hasTimelineStatus(m: EntityManager, dossierId: string, nationalStatus: number): Promise<boolean> {
    return m.getRepository(DossierTimelineEntry).exists({ where: { dossierId, nationalStatus } });
  }

  async hasTimelineDescription(m: EntityManager, dossierId: string, description: string): Promise<boolean> {
    return m.getRepository(DossierTimelineEntry).exists({ where: { dossierId, description } });
  }

  timeline(m: EntityManager, dossierId: string): Promise<DossierTimelineEntry[]> {
    return m.getRepository(DossierTimelineEntry).find({ where: { dossierId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }
}

// Unused import guard for the sequence entity (registered with TypeORM by the module).
export const DOSSIER_ENTITIES = [Dossier, DossierTimelineEntry, DossierCodeSequence];
