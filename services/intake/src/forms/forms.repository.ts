import { Injectable } from '@nestjs/common';
import { Between, EntityManager } from 'typeorm';
import { Dossier } from '../dossiers/dossier.entity';
import { CompletenessCheck } from './completeness-check.entity';

@Injectable()
export class FormsRepository {
  /** Next printed number for an agency, year and form; the upsert's row lock serialises concurrent checks. */
  async nextNumber(m: EntityManager, agencyCode: string, year: number, formKind: string): Promise<number> {
    const rows: Array<{ last_value: number }> = await m.query(
      `INSERT INTO form_number_sequence (agency_code, year, form_kind, last_value) VALUES ($1, $2, $3, 1)
       ON CONFLICT (agency_code, year, form_kind) DO UPDATE SET last_value = form_number_sequence.last_value + 1
       RETURNING last_value`,
      [agencyCode, year, formKind],
    );
    return rows[0].last_value;
  }

  insertCheck(m: EntityManager, check: Partial<CompletenessCheck>): Promise<CompletenessCheck> {
    return m.getRepository(CompletenessCheck).save(m.getRepository(CompletenessCheck).create(check));
  }

  findCheck(m: EntityManager, id: string): Promise<CompletenessCheck | null> {
    return m.getRepository(CompletenessCheck).findOne({ where: { id } });
  }

  /** The check, row-locked until commit (a reception referencing it). */
  findCheckForUpdate(m: EntityManager, id: string): Promise<CompletenessCheck | null> {
    return m.getRepository(CompletenessCheck).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The code of the dossier received after this check, if any. */
  async dossierCodeForCheck(m: EntityManager, checkId: string): Promise<string | null> {
    const d = await m.getRepository(Dossier).findOne({ where: { completenessCheckId: checkId }, select: { code: true } });
    return d?.code ?? null;
  }

  /** Dossiers received by an agency in [from, to), oldest first (the logbook's rows). */
  logbookDossiers(m: EntityManager, agencyCode: string, from: Date, to: Date): Promise<Dossier[]> {
    return m.getRepository(Dossier).find({
      where: { receivingAgencyCode: agencyCode, receivedAt: Between(from, new Date(to.getTime() - 1)) },
      order: { receivedAt: 'ASC', code: 'ASC' },
      take: 5000,
    });
  }
}
