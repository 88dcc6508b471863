import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ResultDeliveryMethod } from '@motcua/contracts';
import { DossierRecipient } from './dossier-recipient.entity';

export interface RecipientFacts {
  dossierCode: string;
  receivedAt: Date;
  applicantName: string;
  phone: string | null;
  email: string | null;
  procedureName: string;
  appointmentAt: Date;
  resultDelivery: ResultDeliveryMethod;
  receivingAgencyCode: string;
  competentAgencyCode: string;
}

interface RecipientRow {
  dossier_code: string;
  received_at: Date | null;
  applicant_name: string | null;
  phone: string | null;
  email: string | null;
  procedure_name: string | null;
  appointment_at: Date | null;
  result_delivery: ResultDeliveryMethod | null;
  receiving_agency_code: string | null;
  competent_agency_code: string | null;
  resolved_at: Date | null;
  delivered_by_post_at: Date | null;
  refused_at: Date | null;
  refusal_reason: string | null;
  returned_to_centre_at: Date | null;
  held_at_counter_reason: string | null;
  stopped_at: Date | null;
  stop_reason: string | null;
  updated_at: Date;
}

function fromRow(r: RecipientRow): DossierRecipient {
  return Object.assign(new DossierRecipient(), {
    dossierCode: r.dossier_code,
    receivedAt: r.received_at,
    applicantName: r.applicant_name,
    phone: r.phone,
    email: r.email,
    procedureName: r.procedure_name,
    appointmentAt: r.appointment_at,
    resultDelivery: r.result_delivery,
    receivingAgencyCode: r.receiving_agency_code,
    competentAgencyCode: r.competent_agency_code,
    resolvedAt: r.resolved_at,
    deliveredByPostAt: r.delivered_by_post_at,
    refusedAt: r.refused_at,
    refusalReason: r.refusal_reason,
    returnedToCentreAt: r.returned_to_centre_at,
    heldAtCounterReason: r.held_at_counter_reason,
    stoppedAt: r.stopped_at,
    stopReason: r.stop_reason,
    updatedAt: r.updated_at,
  });
}

/**
 * Every write is an upsert that merges one event's facts into the row and returns the merged row.
 * The upsert locks the row until commit, so two handlers of one dossier serialise here and the
 * second sees the first one's facts (READ COMMITTED re-reads the row it waited for).
 */
@Injectable()
export class DossierRecipientRepository {
  async recordReceived(m: EntityManager, f: RecipientFacts): Promise<DossierRecipient> {
    const rows = (await m.query(
      `INSERT INTO dossier_recipient AS r (dossier_code, received_at, applicant_name, phone, procedure_name, appointment_at,
         result_delivery, receiving_agency_code, competent_agency_code, email, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (dossier_code) DO UPDATE SET
         received_at = COALESCE(r.received_at, EXCLUDED.received_at),
         applicant_name = COALESCE(r.applicant_name, EXCLUDED.applicant_name),
         phone = COALESCE(r.phone, EXCLUDED.phone),
         procedure_name = COALESCE(r.procedure_name, EXCLUDED.procedure_name),
         appointment_at = COALESCE(r.appointment_at, EXCLUDED.appointment_at),
         result_delivery = COALESCE(r.result_delivery, EXCLUDED.result_delivery),
         receiving_agency_code = COALESCE(r.receiving_agency_code, EXCLUDED.receiving_agency_code),
         competent_agency_code = COALESCE(r.competent_agency_code, EXCLUDED.competent_agency_code),
         email = COALESCE(r.email, EXCLUDED.email),
         updated_at = now()
       RETURNING *`,
      [
        f.dossierCode,
        f.receivedAt,
        f.applicantName,
        f.phone,
        f.procedureName,
        f.appointmentAt,
        f.resultDelivery,
        f.receivingAgencyCode,
        f.competentAgencyCode,
        f.email,
      ],
    )) as RecipientRow[];
    return fromRow(rows[0]);
  }

  /** The first resolution is the one the citizen is told about; a repeated event changes nothing. */
  async recordResolved(m: EntityManager, dossierCode: string, resolvedAt: Date): Promise<DossierRecipient> {
    return this.setFact(m, dossierCode, 'resolved_at', resolvedAt);
  }

  async recordDeliveredByPost(m: EntityManager, dossierCode: string, deliveredAt: Date): Promise<DossierRecipient> {
    return this.setFact(m, dossierCode, 'delivered_by_post_at', deliveredAt);
  }

  /**
   * Locks the dossier's row (creating it if needed) and returns it: a repeatable fact (`dossier_notice`)
   * is recorded under this lock, so handlers of one dossier serialise as for the other facts.
   */
  async touch(m: EntityManager, dossierCode: string): Promise<DossierRecipient> {
    const rows = (await m.query(
      `INSERT INTO dossier_recipient AS r (dossier_code, updated_at) VALUES ($1, now())
       ON CONFLICT (dossier_code) DO UPDATE SET updated_at = now()
       RETURNING *`,
      [dossierCode],
    )) as RecipientRow[];
    return fromRow(rows[0]);
  }

  async recordRefused(m: EntityManager, dossierCode: string, at: Date, reason: string): Promise<DossierRecipient> {
    return this.setFacts(m, dossierCode, { refused_at: at, refusal_reason: reason });
  }

  async recordStopped(m: EntityManager, dossierCode: string, at: Date, reason: string): Promise<DossierRecipient> {
    return this.setFacts(m, dossierCode, { stopped_at: at, stop_reason: reason });
  }

  /**
   * The result waits at the counter: brought back by the post (`reason` null) or not going by post (the
   * cancellation's reason). One fact whichever event says it: the first wins, reason included.
   */
  async recordHeldAtCounter(m: EntityManager, dossierCode: string, at: Date, reason: string | null): Promise<DossierRecipient> {
    return this.setFacts(m, dossierCode, { returned_to_centre_at: at, held_at_counter_reason: reason });
  }

  /**
   * Sets a group of facts that belong together (e.g. a refusal's instant and reason) unless the group
   * is already known: the first event wins, as a whole, and a redelivery changes nothing.
   */
  private async setFacts(m: EntityManager, dossierCode: string, facts: Record<string, Date | string | null>): Promise<DossierRecipient> {
    const cols = Object.keys(facts);
    const first = cols[0];
    const sets = cols.map((c) => `${c} = CASE WHEN r.${first} IS NULL THEN EXCLUDED.${c} ELSE r.${c} END`).join(', ');
    const rows = (await m.query(
      `INSERT INTO dossier_recipient AS r (dossier_code, ${cols.join(', ')}, updated_at)
       VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}, now())
       ON CONFLICT (dossier_code) DO UPDATE SET ${sets}, updated_at = now()
       RETURNING *`,
      [dossierCode, ...cols.map((c) => facts[c])],
    )) as RecipientRow[];
    return fromRow(rows[0]);
  }

  private async setFact(
    m: EntityManager,
    dossierCode: string,
    column: 'resolved_at' | 'delivered_by_post_at',
    at: Date,
  ): Promise<DossierRecipient> {
    const rows = (await m.query(
      `INSERT INTO dossier_recipient AS r (dossier_code, ${column}, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (dossier_code) DO UPDATE SET ${column} = COALESCE(r.${column}, EXCLUDED.${column}), updated_at = now()
       RETURNING *`,
      [dossierCode, at],
    )) as RecipientRow[];
    return fromRow(rows[0]);
  }

  findByCode(m: EntityManager, dossierCode: string): Promise<DossierRecipient | null> {
    return m.getRepository(DossierRecipient).findOne({ where: { dossierCode } });
  }
}
