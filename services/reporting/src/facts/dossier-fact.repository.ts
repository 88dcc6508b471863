import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DossierDocumentDigitizedV1, IntakeChannel, ResultDeliveryMethod, Timeliness } from '@motcua/contracts';

export interface ReceivedFacts {
  procedureCode: string;
  receivingAgencyCode: string;
  competentAgencyCode: string;
  channel: IntakeChannel;
  resultDelivery: ResultDeliveryMethod;
  receivedAt: Date;
  appointmentAt: Date;
}

export interface ResolvedFacts {
  resolvedAt: Date;
  timeliness: Timeliness;
  resolvingAgencyCode: string;
  appointmentAt: Date;
}

/**
 * The projection's writes are upserts that never let an earlier fact overwrite a later one: intake
 * facts are set once (first writer wins, a duplicate changes nothing), a resolution replaces another
 * only if it is not older, instants such as the return keep the latest. So events may arrive in any
 * order, or twice, and the row converges to the same facts.
 */
@Injectable()
export class DossierFactRepository {
  async applyReceived(m: EntityManager, code: string, f: ReceivedFacts): Promise<void> {
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, procedure_code, receiving_agency_code, competent_agency_code, channel,
         result_delivery, received_at, appointment_at, messages_sent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET
         procedure_code = COALESCE(f.procedure_code, EXCLUDED.procedure_code),
         receiving_agency_code = COALESCE(f.receiving_agency_code, EXCLUDED.receiving_agency_code),
         competent_agency_code = COALESCE(f.competent_agency_code, EXCLUDED.competent_agency_code),
         channel = COALESCE(f.channel, EXCLUDED.channel),
         result_delivery = COALESCE(f.result_delivery, EXCLUDED.result_delivery),
         received_at = COALESCE(f.received_at, EXCLUDED.received_at),
         -- a resolution's appointment (after extensions and pauses) is later than the intake one
         appointment_at = COALESCE(f.appointment_at, EXCLUDED.appointment_at)`,
      [code, f.procedureCode, f.receivingAgencyCode, f.competentAgencyCode, f.channel, f.resultDelivery, f.receivedAt, f.appointmentAt],
    );
  }

  async applyResolved(m: EntityManager, code: string, f: ResolvedFacts): Promise<void> {
    // every SET expression sees the old row, so one condition decides for all four columns
    const newer = `(f.resolved_at IS NULL OR EXCLUDED.resolved_at >= f.resolved_at)`;
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, resolved_at, timeliness, resolving_agency_code, appointment_at, messages_sent)
       VALUES ($1, $2, $3, $4, $5, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET
         resolved_at = CASE WHEN ${newer} THEN EXCLUDED.resolved_at ELSE f.resolved_at END,
         timeliness = CASE WHEN ${newer} THEN EXCLUDED.timeliness ELSE f.timeliness END,
         resolving_agency_code = CASE WHEN ${newer} THEN EXCLUDED.resolving_agency_code ELSE f.resolving_agency_code END,
         appointment_at = CASE WHEN ${newer} THEN EXCLUDED.appointment_at ELSE f.appointment_at END`,
      [code, f.resolvedAt, f.timeliness, f.resolvingAgencyCode, f.appointmentAt],
    );
  }

  /**
   * `applyReceived` for many dossiers in one statement; one entry per dossier (the first received of a
   * batch: the others would change nothing, every intake fact being set once).
   */
  async applyReceivedMany(m: EntityManager, rows: Array<ReceivedFacts & { code: string }>): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, procedure_code, receiving_agency_code, competent_agency_code, channel,
         result_delivery, received_at, appointment_at, messages_sent)
       SELECT *, 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
       ON CONFLICT (dossier_code) DO UPDATE SET
         procedure_code = COALESCE(f.procedure_code, EXCLUDED.procedure_code),
         receiving_agency_code = COALESCE(f.receiving_agency_code, EXCLUDED.receiving_agency_code),
         competent_agency_code = COALESCE(f.competent_agency_code, EXCLUDED.competent_agency_code),
         channel = COALESCE(f.channel, EXCLUDED.channel),
         result_delivery = COALESCE(f.result_delivery, EXCLUDED.result_delivery),
         received_at = COALESCE(f.received_at, EXCLUDED.received_at),
         appointment_at = COALESCE(f.appointment_at, EXCLUDED.appointment_at)`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.procedureCode),
        rows.map((r) => r.receivingAgencyCode),
        rows.map((r) => r.competentAgencyCode),
        rows.map((r) => r.channel),
        rows.map((r) => r.resultDelivery),
        rows.map((r) => r.receivedAt),
        rows.map((r) => r.appointmentAt),
      ],
    );
  }

  /** `applyResolved` for many dossiers in one statement; one entry per dossier (the latest resolution of a batch). */
  async applyResolvedMany(m: EntityManager, rows: Array<ResolvedFacts & { code: string }>): Promise<void> {
    if (rows.length === 0) return;
    const newer = `(f.resolved_at IS NULL OR EXCLUDED.resolved_at >= f.resolved_at)`;
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, resolved_at, timeliness, resolving_agency_code, appointment_at, messages_sent)
       SELECT *, 0 FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::timestamptz[])
       ON CONFLICT (dossier_code) DO UPDATE SET
         resolved_at = CASE WHEN ${newer} THEN EXCLUDED.resolved_at ELSE f.resolved_at END,
         timeliness = CASE WHEN ${newer} THEN EXCLUDED.timeliness ELSE f.timeliness END,
         resolving_agency_code = CASE WHEN ${newer} THEN EXCLUDED.resolving_agency_code ELSE f.resolving_agency_code END,
         appointment_at = CASE WHEN ${newer} THEN EXCLUDED.appointment_at ELSE f.appointment_at END`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.resolvedAt),
        rows.map((r) => r.timeliness),
        rows.map((r) => r.resolvingAgencyCode),
        rows.map((r) => r.appointmentAt),
      ],
    );
  }

  /** Counts `n` sent messages per dossier in one statement (the event log deduplicates). */
  async countMessagesSentMany(m: EntityManager, counts: Map<string, number>): Promise<void> {
    if (counts.size === 0) return;
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, messages_sent) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (dossier_code) DO UPDATE SET messages_sent = f.messages_sent + EXCLUDED.messages_sent`,
      [[...counts.keys()], [...counts.values()]],
    );
  }

  /** Keeps the latest instant of a fact (`postal_delivered_at`), or the earliest (`postal_order_created_at`). */
  async applyInstant(
    m: EntityManager,
    code: string,
    column: 'postal_delivered_at' | 'postal_order_created_at' | 'postal_returned_at' | 'refused_at' | 'stopped_at' | 'withdrawn_at',
    at: Date,
    keep: 'latest' | 'earliest' = 'latest',
  ): Promise<void> {
    const pick = keep === 'latest' ? 'GREATEST' : 'LEAST';
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, ${column}, messages_sent) VALUES ($1, $2, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET ${column} = ${pick}(f.${column}, EXCLUDED.${column})`,
      [code, at],
    );
  }

  /** The result reached the citizen: keeps the latest return and the method that came with it. */
  async applyReturned(m: EntityManager, code: string, returnedAt: Date, method: ResultDeliveryMethod): Promise<void> {
    const newer = `(f.returned_at IS NULL OR EXCLUDED.returned_at >= f.returned_at)`;
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, returned_at, return_method, messages_sent) VALUES ($1, $2, $3, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET
         returned_at = CASE WHEN ${newer} THEN EXCLUDED.returned_at ELSE f.returned_at END,
         return_method = CASE WHEN ${newer} THEN EXCLUDED.return_method ELSE f.return_method END`,
      [code, returnedAt, method],
    );
  }

  /**
   * A supplement was requested: keeps the highest `supplementNumber` (1 for the first request, 2 for
   * the second…), so a redelivery or an out-of-order arrival counts the same.
   */
  async applySupplementRequested(m: EntityManager, code: string, supplementNumber: number): Promise<void> {
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, supplement_requests, messages_sent) VALUES ($1, $2, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET supplement_requests = GREATEST(f.supplement_requests, EXCLUDED.supplement_requests)`,
      [code, supplementNumber],
    );
  }

  /** Adds one to a counter; called once per event (the event log deduplicates). */
  async increment(
    m: EntityManager,
    code: string,
    column: 'extensions' | 'messages_failed_sending' | 'messages_failed_delivery',
  ): Promise<void> {
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, ${column}, messages_sent) VALUES ($1, 1, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET ${column} = f.${column} + 1`,
      [code],
    );
  }

  /**
   * An extension moved the appointment: while the dossier is unresolved the later appointment wins
   * (a resolution reports the appointment in force, extensions included, and is not overridden).
   */
  async applyExtended(m: EntityManager, code: string, newAppointmentAt: Date): Promise<void> {
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, extensions, appointment_at, messages_sent) VALUES ($1, 1, $2, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET extensions = f.extensions + 1,
         appointment_at = CASE WHEN f.resolved_at IS NULL THEN GREATEST(f.appointment_at, EXCLUDED.appointment_at) ELSE f.appointment_at END`,
      [code, newAppointmentAt],
    );
  }

  /**
   * A document was digitized: the running totals only grow (the highest seen wins), the dossier is fully digitized
   * from the earliest event whose totals cover every component received (at least one), the result from its
   * earliest digitization — so redeliveries and any order converge.
   */
  async applyDigitized(m: EntityManager, code: string, d: DossierDocumentDigitizedV1): Promise<void> {
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, components_received, components_digitized, components_reused, digitized_at,
         result_digitized_at, messages_sent)
       VALUES ($1, $2, $3, $4, CASE WHEN $3 >= GREATEST($2, 1) THEN $5::timestamptz END, CASE WHEN $6 = 'RESULT' THEN $5::timestamptz END, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET
         components_received = GREATEST(f.components_received, EXCLUDED.components_received),
         components_digitized = GREATEST(f.components_digitized, EXCLUDED.components_digitized),
         components_reused = GREATEST(f.components_reused, EXCLUDED.components_reused),
         digitized_at = LEAST(f.digitized_at, EXCLUDED.digitized_at),
         result_digitized_at = LEAST(f.result_digitized_at, EXCLUDED.result_digitized_at)`,
      [code, d.componentsReceived, d.componentsDigitized, d.componentsReused, new Date(d.digitizedAt), d.kind],
    );
  }

  /** The citizen's rating: the latest evaluation wins. */
  async applyEvaluated(m: EntityManager, code: string, level: string, evaluatedAt: Date): Promise<void> {
    const newer = `(f.evaluated_at IS NULL OR EXCLUDED.evaluated_at >= f.evaluated_at)`;
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, evaluation_level, evaluated_at, messages_sent) VALUES ($1, $2, $3, 0)
       ON CONFLICT (dossier_code) DO UPDATE SET
         evaluation_level = CASE WHEN ${newer} THEN EXCLUDED.evaluation_level ELSE f.evaluation_level END,
         evaluated_at = CASE WHEN ${newer} THEN EXCLUDED.evaluated_at ELSE f.evaluated_at END`,
      [code, level, evaluatedAt],
    );
  }

  /** Counts a sent message; called once per event (the event log deduplicates). */
  async countMessageSent(m: EntityManager, code: string): Promise<void> {
    await m.query(
      `INSERT INTO dossier_fact AS f (dossier_code, messages_sent) VALUES ($1, 1)
       ON CONFLICT (dossier_code) DO UPDATE SET messages_sent = f.messages_sent + 1`,
      [code],
    );
  }

  /** The dossier exists (an event we draw no fact from yet, e.g. a step started). */
  async touch(m: EntityManager, code: string): Promise<void> {
    await m.query(`INSERT INTO dossier_fact (dossier_code, messages_sent) VALUES ($1, 0) ON CONFLICT (dossier_code) DO NOTHING`, [code]);
  }

  /** Empties the projection; the ACCESS EXCLUSIVE lock holds live handlers back until the rebuild commits. */
  async truncate(m: EntityManager): Promise<void> {
    await m.query(`TRUNCATE dossier_fact`);
  }

  async count(m: EntityManager): Promise<number> {
    const rows = (await m.query(`SELECT count(*)::int AS n FROM dossier_fact`)) as Array<{ n: number }>;
    return rows[0].n;
  }
}
