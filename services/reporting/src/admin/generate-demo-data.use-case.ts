import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  DossierResultReturnedV1,
  DOSSIER_DOCUMENT_DIGITIZED,
  DossierDocumentDigitizedV1,
  IntakeChannel,
  Timeliness,
} from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { RebuildProjectionUseCase, RebuildResult } from './rebuild-projection.use-case';

/** The published shape the demo reproduces (DOMAIN.md §7, Đồng Tháp and Quảng Ninh). */
export const DEMO_SHAPE = {
  bcciShare: { first: 0.03, last: 0.22 },
  onlineShare: { first: 0.002, last: 0.26 },
  /** One dossier in this many is resolved late: 99% on time. */
  lateEvery: 100,
  /**
   * Digitization (số hóa at intake since Circular 01/2023; illustrative, not a published figure): dossiers fully
   * digitized, of those reusing a digitized result on file; their results digitized too.
   */
  digitizedShare: { first: 0.3, last: 0.9 },
  reusedShare: { first: 0.02, last: 0.3 },
};

const CENTRE = '000.00.06.H56';
const COMPETENT = ['000.21.01.H56', '000.21.02.H56', '000.00.10.H56', '000.00.14.H56', '000.00.20.H56'];
const PROCEDURES = ['1.001193', '2.000908', '2.000635', '1.000894'];
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DemoDataOptions {
  years: number;
  perYear: number;
  startYear: number;
}

export interface DemoDataResult {
  years: Array<{ year: number; dossiers: number; postal: number; online: number; late: number; digitized: number; reused: number }>;
  eventsWritten: number;
  rebuild: RebuildResult;
}

interface DemoEvent {
  id: string;
  type: string;
  occurredAt: Date;
  correlationId: string;
  payload: object;
}

/** A stable event id (UUID shaped, from a hash): generating the same demo twice writes nothing new. */
function demoEventId(key: string): string {
  const h = createHash('sha1').update(`motcua-reporting-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Which of n items get a share p, spread evenly (item i is chosen when ⌊(i+1)p⌋ > ⌊ip⌋): exactly round-down(n·p) of them. */
const chosen = (i: number, p: number) => Math.floor((i + 1) * p + 1e-9) > Math.floor(i * p + 1e-9);

/** The share of year `y` of `years`, rising linearly from `first` to `last`. */
export function demoShare(s: { first: number; last: number }, y: number, years: number): number {
  return years === 1 ? s.last : s.first + ((s.last - s.first) * y) / (years - 1);
}

/**
 * Synthetic events for the demo province: `perYear` dossiers a year received at the centre, competent
 * agencies and procedures in turn, received on working hours spread over the year; the postal (BCCI)
 * share rising from 3% to 22% and the online share from 0.2% to 26% over the years, 99% resolved on
 * time; digitization rising from 30% to 90% of dossiers (reuse 2% to 30%), their results digitized too. Written straight into `event_log` (not published: nothing else should act on them), then the
 * projection is rebuilt from the log.
 */
@Injectable()
export class GenerateDemoDataUseCase {
  private readonly logger = new Logger(GenerateDemoDataUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly rebuild: RebuildProjectionUseCase,
  ) {}

  async execute(o: DemoDataOptions): Promise<DemoDataResult> {
    const years: DemoDataResult['years'] = [];
    let eventsWritten = 0;
    for (let y = 0; y < o.years; y++) {
      const year = o.startYear + y;
      const bcci = demoShare(DEMO_SHAPE.bcciShare, y, o.years);
      const online = demoShare(DEMO_SHAPE.onlineShare, y, o.years);
      const events: DemoEvent[] = [];
      const digitizedShare = demoShare(DEMO_SHAPE.digitizedShare, y, o.years);
      const reusedShare = demoShare(DEMO_SHAPE.reusedShare, y, o.years);
      const stats = { year, dossiers: o.perYear, postal: 0, online: 0, late: 0, digitized: 0, reused: 0 };
      const yearStart = Date.UTC(year, 0, 1) - 7 * HOUR_MS; // 01/01 00:00 local
      const yearDays = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS);
      let notPostal = 0;
      for (let i = 0; i < o.perYear; i++) {
        // postal first, then online among the rest: the two quotas never overlap
        const channel: IntakeChannel = chosen(i, bcci) ? 'POSTAL' : chosen(notPostal++, online / (1 - bcci)) ? 'ONLINE' : 'COUNTER';
        if (channel === 'POSTAL') stats.postal++;
        if (channel === 'ONLINE') stats.online++;
        const day = Math.floor((i * yearDays) / o.perYear);
        const receivedAt = new Date(yearStart + day * DAY_MS + (8 + (i % 8)) * HOUR_MS);
        const code = `${CENTRE}-${String(year % 100).padStart(2, '0')}0101-${String(i + 1).padStart(6, '0')}`;
        const competent = COMPETENT[i % COMPETENT.length];
        const appointmentAt = new Date(receivedAt.getTime() + 5 * DAY_MS);
        const late = i % DEMO_SHAPE.lateEvery === DEMO_SHAPE.lateEvery - 1;
        if (late) stats.late++;
        const timeliness: Timeliness = late ? 'LATE' : i % 3 === 0 ? 'ON_TIME' : 'EARLY';
        const resolvedAt = new Date(appointmentAt.getTime() + (late ? DAY_MS : timeliness === 'ON_TIME' ? 0 : -2 * DAY_MS));
        const resultDelivery = channel === 'POSTAL' ? 'POST' : channel === 'ONLINE' ? 'ONLINE' : 'COUNTER';
        const received: DossierReceivedV1 = {
          dossierCode: code,
          procedureCode: PROCEDURES[i % PROCEDURES.length],
          procedureName: 'Thủ tục (dữ liệu mẫu)',
          receivingAgencyCode: CENTRE,
          competentAgencyCode: competent,
          channel,
          receivedAt: receivedAt.toISOString(),
          appointmentAt: appointmentAt.toISOString(),
          resultDelivery,
          applicant: { fullName: 'Công dân mẫu' },
        };
        const resolved: DossierResolvedV1 = {
          dossierCode: code,
          resolvingAgencyCode: competent,
          resolvedAt: resolvedAt.toISOString(),
          appointmentAt: appointmentAt.toISOString(),
          timeliness,
          resultSummary: 'Đã có kết quả (dữ liệu mẫu)',
        };
        const returnedAt = new Date(resolvedAt.getTime() + HOUR_MS);
        const returned: DossierResultReturnedV1 = { dossierCode: code, returnedAt: returnedAt.toISOString(), method: resultDelivery };
        if (chosen(i, digitizedShare)) {
          // two components scanned (one reused from a result on file, for a share of them) after reception, the result after resolution
          const reused = chosen(stats.digitized++, reusedShare / digitizedShare);
          if (reused) stats.reused++;
          const digitized = (kind: 'COMPONENT' | 'RESULT', at: Date): DemoEvent => {
            const payload: DossierDocumentDigitizedV1 = {
              dossierCode: code,
              documentId: demoEventId(`${code}:document:${kind}`),
              kind,
              ...(kind === 'COMPONENT' ? { componentIndex: 2 } : {}),
              reused: kind === 'COMPONENT' && reused,
              digitizedAt: at.toISOString(),
              componentsReceived: 2,
              componentsDigitized: 2,
              componentsReused: reused ? 1 : 0,
            };
            return {
              id: demoEventId(`${code}:digitized:${kind}`),
              type: DOSSIER_DOCUMENT_DIGITIZED,
              occurredAt: at,
              correlationId: code,
              payload,
            };
          };
          events.push(
            digitized('COMPONENT', new Date(receivedAt.getTime() + 15 * 60_000)),
            digitized('RESULT', new Date(resolvedAt.getTime() + 5 * 60_000)),
          );
        }
        events.push(
          { id: demoEventId(`${code}:received`), type: DOSSIER_RECEIVED, occurredAt: receivedAt, correlationId: code, payload: received },
          { id: demoEventId(`${code}:resolved`), type: DOSSIER_RESOLVED, occurredAt: resolvedAt, correlationId: code, payload: resolved },
          {
            id: demoEventId(`${code}:returned`),
            type: DOSSIER_RESULT_RETURNED,
            occurredAt: returnedAt,
            correlationId: code,
            payload: returned,
          },
        );
      }
      eventsWritten += await runInTransaction(this.db, (m) => this.append(m, events));
      years.push(stats);
    }
    this.logger.log(`Demo data: ${eventsWritten} event(s) written for ${o.years} year(s) from ${o.startYear}`);
    return { years, eventsWritten, rebuild: await this.rebuild.execute() };
  }

  /** Appends in chunks; an event already logged (same id) is skipped. */
  private async append(m: EntityManager, events: DemoEvent[]): Promise<number> {
    let written = 0;
    for (let i = 0; i < events.length; i += 2000) {
      const chunk = events.slice(i, i + 2000);
      const rows = (await m.query(
        `INSERT INTO event_log (id, type, version, occurred_at, source, correlation_id, causation_id, payload, received_at)
         SELECT id, type, 1, occurred_at, 'reporting-demo', correlation_id, NULL, payload, now()
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[]) AS u(id, type, occurred_at, correlation_id, payload)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          chunk.map((e) => e.id),
          chunk.map((e) => e.type),
          chunk.map((e) => e.occurredAt),
          chunk.map((e) => e.correlationId),
          chunk.map((e) => JSON.stringify(e.payload)),
        ],
      )) as unknown[];
      written += rows.length;
    }
    return written;
  }
}
