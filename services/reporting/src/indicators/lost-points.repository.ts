import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOSED_AT, CLOSED_TIMELINESS, LATE_BY_SUPPLEMENTS } from '../forms/ii06a.repository';

/** The lost-point dossiers listed per reason in the index (`lostPointDossiers`, the first page). */
export const LOST_POINTS_PER_REASON = 100;

/** Why a dossier loses points in the Decision 766 index. */
export const LOST_POINT_REASONS = [
  'RESOLVED_LATE',
  'IN_PROGRESS_OVERDUE',
  'NOT_ONLINE',
  'DISSATISFIED',
  'NOT_DIGITIZED',
  'NOT_REUSED',
] as const;
export type LostPointReason = (typeof LOST_POINT_REASONS)[number];

export interface LostPointDossier {
  dossierCode: string;
  reason: LostPointReason;
}

/** A dossier that lost points, with the facts that show why. */
export interface LostPointItem {
  dossierCode: string;
  procedureCode: string | null;
  channel: string | null;
  receivedAt: Date | null;
  appointmentAt: Date | null;
  /** When it left processing (`CLOSED_AT`: resolved, else refused / stopped / withdrawn); null while open. */
  closedAt: Date | null;
  resolvedAt: Date | null;
  timeliness: string | null;
  supplementRequests: number;
  evaluationLevel: string | null;
}

/** One page of a reason's list: `hasMore` when dossiers follow the last one. */
export interface LostPointPage {
  items: LostPointItem[];
  hasMore: boolean;
}

/** The opaque cursor of a page: base64url of the last dossier code listed. */
export function encodeLostPointCursor(dossierCode: string): string {
  return Buffer.from(dossierCode, 'utf8').toString('base64url');
}

/** The cursor of the dossiers after a page, null when it was the last. */
export function nextCursor(page: LostPointPage): string | null {
  const last = page.items.at(-1);
  return page.hasMore && last ? encodeLostPointCursor(last.dossierCode) : null;
}

/** The dossier code a cursor stands for, or null when it is not one of ours (not canonical base64url of printable ASCII). */
export function decodeLostPointCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const code = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\x21-\x7e]{1,100}$/.test(code) || encodeLostPointCursor(code) !== cursor) return null;
  return code;
}

/** The scope and the cursor, in every branch: `$1` the competent agencies, `$5` the last dossier code of the previous page. */
const SCOPED = `d.competent_agency_code = ANY($1::text[]) AND ($5::text IS NULL OR d.dossier_code > $5::text)`;
const OPEN = `d.resolved_at IS NULL AND d.refused_at IS NULL AND d.stopped_at IS NULL AND d.withdrawn_at IS NULL`;

/**
 * The codes of the dossiers (`dossier_fact d`, competent agency in `$1`, after the cursor `$5`) that lose points
 * for a reason in the period [$2, $3), judged at $4 (the "in progress" instant, never after $3): the same sets
 * the indicators count.
 * - RESOLVED_LATE: closed in the period (`CLOSED_AT`) late, or late by a second supplement request (II.06a "resolved late");
 * - IN_PROGRESS_OVERDUE: received before the end, not closed before it, its appointment before $4 or late by
 *   supplements (II.06a "in progress overdue"): the dossiers still open (`ix_dossier_fact_open_lost`, index only)
 *   and, apart, those closed at or after the end — they were overdue before they closed (appointment before
 *   `CLOSED_AT`, implied: $4 <= $3 <= `CLOSED_AT`), which `ix_dossier_fact_lost_closed` holds;
 * - NOT_ONLINE: received in the period other than online (online share; `ix_dossier_fact_not_online`, index only);
 * - DISSATISFIED: closed in the period and rated dissatisfied (satisfaction);
 * - NOT_DIGITIZED / NOT_REUSED: received in the period and not fully digitized / reusing no digitized data
 *   (digitization; the index of (competent agency, received_at) — no partial index of their own).
 * RESOLVED_LATE, DISSATISFIED and the closed branch of IN_PROGRESS_OVERDUE imply the predicate of
 * `ix_dossier_fact_lost_closed`, the open branch that of `ix_dossier_fact_open_lost` (migration
 * LostPointsIndex1795730000000): keep them in step, or the lists fall back to wide scans.
 */
export const LOST_POINT_CODES: Record<LostPointReason, string> = {
  RESOLVED_LATE: `SELECT d.dossier_code FROM dossier_fact d
    WHERE ${SCOPED} AND d.received_at < $3 AND ${CLOSED_AT('d')} >= $2 AND ${CLOSED_AT('d')} < $3
      AND (${CLOSED_TIMELINESS('d')} = 'LATE' OR ${LATE_BY_SUPPLEMENTS('d')})`,
  IN_PROGRESS_OVERDUE: `SELECT d.dossier_code FROM dossier_fact d
    WHERE ${SCOPED} AND ${OPEN} AND d.received_at < $3 AND (d.appointment_at < $4 OR ${LATE_BY_SUPPLEMENTS('d')})
    UNION ALL
    SELECT d.dossier_code FROM dossier_fact d
    WHERE ${SCOPED} AND ${CLOSED_AT('d')} >= $3 AND d.received_at < $3
      AND (d.appointment_at < ${CLOSED_AT('d')} OR ${LATE_BY_SUPPLEMENTS('d')})
      AND (d.appointment_at < $4 OR ${LATE_BY_SUPPLEMENTS('d')})`,
  NOT_ONLINE: `SELECT d.dossier_code FROM dossier_fact d
    WHERE ${SCOPED} AND d.received_at >= $2 AND d.received_at < $3 AND d.channel <> 'ONLINE'`,
  DISSATISFIED: `SELECT d.dossier_code FROM dossier_fact d
    WHERE ${SCOPED} AND d.received_at < $3 AND ${CLOSED_AT('d')} >= $2 AND ${CLOSED_AT('d')} < $3
      AND d.evaluation_level IN ('DISSATISFIED', 'VERY_DISSATISFIED')`,
  NOT_DIGITIZED: `SELECT d.dossier_code FROM dossier_fact d
    WHERE ${SCOPED} AND d.received_at >= $2 AND d.received_at < $3 AND d.digitized_at IS NULL`,
  NOT_REUSED: `SELECT d.dossier_code FROM dossier_fact d
    WHERE ${SCOPED} AND d.received_at >= $2 AND d.received_at < $3 AND d.components_reused = 0`,
};

/**
 * The Decision 766 lost-point lists over `dossier_fact`, keyset-paginated by dossier code. A page reads the codes
 * of the reason's dossiers in the scope and period after the cursor through a partial index, keeps the first
 * `limit` (a top-N sort of codes), then reads those dossiers' facts: its cost grows with the reason's dossiers in
 * the scope and period, not with the page's position. The `OFFSET 0` fence keeps the planner from walking the
 * primary key in code order hoping to meet them early: dossier codes embed the receiving agency and date, so for
 * a narrow scope or period that walk reads most of the table (seconds at 5M facts).
 */
@Injectable()
export class LostPointsRepository {
  async page(
    m: EntityManager,
    agencyCodes: readonly string[],
    start: Date,
    end: Date,
    asOf: Date,
    reason: LostPointReason,
    after: string | null,
    limit: number,
  ): Promise<LostPointPage> {
    const rows = (await m.query(
      `SELECT d.dossier_code, d.procedure_code, d.channel, d.received_at, d.appointment_at, ${CLOSED_AT('d')} AS closed_at,
              d.resolved_at, d.timeliness, d.supplement_requests, d.evaluation_level
       FROM (SELECT c.dossier_code FROM (${LOST_POINT_CODES[reason]} OFFSET 0) c ORDER BY c.dossier_code LIMIT $6) page
       JOIN dossier_fact d ON d.dossier_code = page.dossier_code
       -- (every reason names its parameters' types, whichever it uses: start < end, asOf <= end)
       WHERE $2::timestamptz < $3::timestamptz AND $4::timestamptz <= $3::timestamptz
       ORDER BY d.dossier_code`,
      [agencyCodes, start, end, asOf, after, limit + 1],
    )) as Array<{
      dossier_code: string;
      procedure_code: string | null;
      channel: string | null;
      received_at: Date | null;
      appointment_at: Date | null;
      closed_at: Date | null;
      resolved_at: Date | null;
      timeliness: string | null;
      supplement_requests: number;
      evaluation_level: string | null;
    }>;
    return {
      items: rows.slice(0, limit).map((r) => ({
        dossierCode: r.dossier_code,
        procedureCode: r.procedure_code,
        channel: r.channel,
        receivedAt: r.received_at,
        appointmentAt: r.appointment_at,
        closedAt: r.closed_at,
        resolvedAt: r.resolved_at,
        timeliness: r.timeliness,
        supplementRequests: r.supplement_requests,
        evaluationLevel: r.evaluation_level,
      })),
      hasMore: rows.length > limit,
    };
  }

  /** The first page of each reason (at most `limit` each, the first by dossier code): every reason, or those named. */
  async firstPages(
    m: EntityManager,
    agencyCodes: readonly string[],
    start: Date,
    end: Date,
    asOf: Date,
    limit = LOST_POINTS_PER_REASON,
    reasons: readonly LostPointReason[] = LOST_POINT_REASONS,
  ): Promise<Partial<Record<LostPointReason, LostPointPage>>> {
    const pages: Partial<Record<LostPointReason, LostPointPage>> = {};
    for (const reason of reasons) pages[reason] = await this.page(m, agencyCodes, start, end, asOf, reason, null, limit);
    return pages;
  }
}
