import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { StaffAlert, StaffAlertKind } from './staff-alert.entity';

export interface NewStaffAlert {
  kind: StaffAlertKind;
  dossierCode: string;
  stepId: string;
  stepName: string;
  agencyCode: string;
  role: string | null;
  dueAt: Date;
  detectedAt: Date;
  digestDate: string;
}

@Injectable()
export class StaffAlertRepository {
  /** Idempotent: one row per (step, kind, due instant). True when it was new. */
  async add(m: EntityManager, a: NewStaffAlert): Promise<boolean> {
    const rows = (await m.query(
      `INSERT INTO staff_alert (id, kind, dossier_code, step_id, step_name, agency_code, role, due_at, detected_at, digest_date, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT ON CONSTRAINT uq_staff_alert_step_kind_due DO NOTHING RETURNING id`,
      [randomUUID(), a.kind, a.dossierCode, a.stepId, a.stepName, a.agencyCode, a.role, a.dueAt, a.detectedAt, a.digestDate],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The alerts of a digest date, of one agency or all, most overdue first. */
  listForDigest(m: EntityManager, digestDate: string, agencyCode?: string): Promise<StaffAlert[]> {
    return m.getRepository(StaffAlert).find({
      where: agencyCode ? { digestDate, agencyCode } : { digestDate },
      order: { agencyCode: 'ASC', dueAt: 'ASC', dossierCode: 'ASC' },
    });
  }

  /** Inserts the once-per-day marker; false when the digest of (agency, date) was already sent. Locks until commit. */
  async claimRun(m: EntityManager, agencyCode: string, digestDate: string, recipients: number, alerts: number): Promise<boolean> {
    const rows = (await m.query(
      `INSERT INTO digest_run (agency_code, digest_date, recipients, alerts, sent_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (agency_code, digest_date) DO NOTHING RETURNING agency_code`,
      [agencyCode, digestDate, recipients, alerts],
    )) as unknown[];
    return rows.length > 0;
  }

  async runsOf(m: EntityManager, digestDate: string): Promise<Map<string, Date>> {
    const rows = (await m.query(`SELECT agency_code, sent_at FROM digest_run WHERE digest_date = $1`, [digestDate])) as Array<{
      agency_code: string;
      sent_at: Date;
    }>;
    return new Map(rows.map((r) => [r.agency_code, r.sent_at]));
  }

  async agenciesWithAlerts(m: EntityManager, digestDate: string): Promise<string[]> {
    const rows = (await m.query(`SELECT DISTINCT agency_code FROM staff_alert WHERE digest_date = $1 ORDER BY agency_code`, [
      digestDate,
    ])) as Array<{ agency_code: string }>;
    return rows.map((r) => r.agency_code);
  }
}
