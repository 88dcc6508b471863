/* fetch-based clients of the platform's HTTP APIs, with idempotent retries for transient failures. */
import { randomUUID } from 'crypto';
import { issueToken, Role } from '@motcua/auth';
import type { Platform } from './platform';

export const RECEIVING_AGENCY = '000.00.06.H56';
export const COMPETENT_AGENCY = '000.21.01.H56';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → HTTP ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

export interface RetryOptions {
  attempts?: number;
  /** Retry also on these statuses (default: 502, 503, 504 and network errors). */
  retryOn?: number[];
  baseDelayMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counters the test reports (how often the platform answered with a transient failure). */
export const transientStats = { networkErrors: 0, retriedStatuses: 0 };

/**
 * One JSON request, retried on network errors and transient statuses. Only use with idempotent
 * requests (GET, or POST with an idempotency key / naturally idempotent semantics).
 */
export async function requestJson<T = unknown>(
  method: string,
  url: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } & RetryOptions = {},
): Promise<{ status: number; body: T }> {
  const attempts = opts.attempts ?? 30;
  const retryOn = opts.retryOn ?? [502, 503, 504];
  let lastErr: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.headers ?? {}),
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      if (retryOn.includes(res.status) && i < attempts - 1) {
        transientStats.retriedStatuses++;
        lastErr = new HttpError(res.status, body, `${method} ${url}`);
        await sleep(Math.min(2000, (opts.baseDelayMs ?? 100) * 2 ** i));
        continue;
      }
      return { status: res.status, body: body as T };
    } catch (err) {
      transientStats.networkErrors++;
      lastErr = err;
      await sleep(Math.min(2000, (opts.baseDelayMs ?? 100) * 2 ** i));
    }
  }
  throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
}

function expectStatus<T>(r: { status: number; body: T }, ok: number[], what: string): T {
  if (!ok.includes(r.status)) throw new HttpError(r.status, r.body, what);
  return r.body;
}

export function mintToken(platform: Platform, sub: string, roles: Role[], agencyCode: string): string {
  return issueToken(platform.jwtSecret, { sub, name: sub, roles, agencyCode });
}

export interface Tokens {
  clerk: string;
  specialist: string;
  supervisor: string;
  admin: string;
}

export function tokensFor(platform: Platform): Tokens {
  return {
    clerk: mintToken(platform, 'e2e-clerk', ['COUNTER_CLERK'], RECEIVING_AGENCY),
    specialist: mintToken(platform, 'e2e-specialist', ['SPECIALIST'], COMPETENT_AGENCY),
    supervisor: mintToken(platform, 'e2e-supervisor', ['SUPERVISOR'], RECEIVING_AGENCY),
    admin: mintToken(platform, 'e2e-admin', ['ADMIN'], RECEIVING_AGENCY),
  };
}

export interface DossierRequest {
  procedureCode: string;
  channel: 'COUNTER' | 'POSTAL' | 'ONLINE';
  applicant: { fullName: string; idNumber: string; phone?: string; email?: string };
  resultDelivery: 'POST' | 'COUNTER';
  deliveryAddress?: { recipientName: string; phone: string; line: string; communeCode: string; provinceCode: string };
}

export interface TimelineEntry {
  at: string;
  nationalStatus: number;
  statusLabel: string;
  description: string;
}

export interface DossierView {
  code: string;
  status: string;
  nationalStatus: number;
  resultDelivery: 'POST' | 'COUNTER';
  channel?: 'COUNTER' | 'POSTAL' | 'ONLINE';
  procedureCode?: string;
  receivedAt?: string;
  lookupSecret?: string;
  timeline?: TimelineEntry[];
  applicant: { phone: string | null };
}

export class IntakeClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  /** Creates a dossier; retried with the same Idempotency-Key, so a retry never creates a second one. */
  async createDossier(body: DossierRequest, idempotencyKey = `e2e-${randomUUID()}`): Promise<{ dossier: DossierView; replayed: boolean }> {
    const r = await requestJson<DossierView>('POST', `${this.base}/api/intake/v1/dossiers`, {
      token: this.token,
      body,
      headers: { 'idempotency-key': idempotencyKey },
      retryOn: [500, 502, 503, 504],
    });
    const dossier = expectStatus(r, [200, 201], 'create dossier');
    return { dossier, replayed: r.status === 200 };
  }

  async getDossier(code: string): Promise<DossierView> {
    return expectStatus(
      await requestJson<DossierView>('GET', `${this.base}/api/intake/v1/dossiers/${encodeURIComponent(code)}`, { token: this.token }),
      [200],
      `get dossier ${code}`,
    );
  }

  async lookup(code: string, secret: string): Promise<DossierView & { timeline: TimelineEntry[] }> {
    const r = await requestJson<DossierView & { timeline: TimelineEntry[] }>(
      'GET',
      `${this.base}/api/intake/v1/lookup/${encodeURIComponent(code)}?secret=${encodeURIComponent(secret)}`,
    );
    return expectStatus(r, [200], `lookup ${code}`);
  }
}

export interface TaskView {
  id: string;
  dossierCode: string;
  status: 'OPEN' | 'DONE';
  stepKey?: string;
  agencyCode?: string;
  role?: string;
}

export interface ControlSlipView {
  dossierCode: string;
  status: string;
  handOvers: {
    kind: string;
    handedOverAt: string;
    giver: { id: string | null; agencyCode: string | null };
    fromStep: { key: string } | null;
    receiver: { agencyCode: string | null; role: string | null };
    toStep: { key: string | null } | null;
  }[];
}

export class RoutingClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async tasks(status: 'OPEN' | 'DONE', limit = 500): Promise<TaskView[]> {
    return expectStatus(
      await requestJson<TaskView[]>('GET', `${this.base}/api/routing/v1/tasks?status=${status}&limit=${limit}`, {
        token: this.token,
        attempts: 3,
      }),
      [200],
      `list ${status} tasks`,
    );
  }

  async openTasks(limit = 500): Promise<TaskView[]> {
    return expectStatus(
      await requestJson<TaskView[]>('GET', `${this.base}/api/routing/v1/tasks?status=OPEN&limit=${limit}`, {
        token: this.token,
        attempts: 3,
      }),
      [200],
      'list tasks',
    );
  }

  async controlSlip(code: string): Promise<ControlSlipView> {
    return expectStatus(
      await requestJson<ControlSlipView>('GET', `${this.base}/api/routing/v1/dossiers/${encodeURIComponent(code)}/control-slip`, {
        token: this.token,
      }),
      [200],
      `control slip ${code}`,
    );
  }

  /** Completes a task; a 409 TASK_NOT_OPEN after a retry means an earlier attempt went through. */
  async completeTask(id: string, resultSummary: string): Promise<'completed' | 'already-done'> {
    const r = await requestJson<{ error?: { code?: string } }>('POST', `${this.base}/api/routing/v1/tasks/${id}/complete`, {
      token: this.token,
      body: { resultSummary },
      attempts: 10,
    });
    if (r.status === 200) return 'completed';
    if (r.status === 409) return 'already-done';
    throw new HttpError(r.status, r.body, `complete task ${id}`);
  }
}

export interface PickupRequest {
  channel: 'PORTAL' | 'COUNTER' | 'PHONE';
  centreCode?: string;
  procedureCode: string;
  procedureName: string;
  applicant: { fullName: string; phone: string };
  address: { line: string; communeCode: string; provinceCode: string };
  windowFrom: string;
  windowTo: string;
}

export interface PickupView {
  id: string;
  reference: string;
  trackingNumber: string;
  state: string;
  postalReceiptAt: string | null;
  arrivedAt: string | null;
}

export class PostalClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  /** Places a pickup order (not idempotent: sent once, no retry on 5xx). */
  async requestPickup(body: PickupRequest): Promise<PickupView> {
    const r = await requestJson<PickupView>('POST', `${this.base}/api/postal/v1/pickups`, { token: this.token, body, attempts: 1 });
    return expectStatus(r, [201], 'request pickup');
  }

  async pickup(id: string): Promise<PickupView> {
    return expectStatus(
      await requestJson<PickupView>('GET', `${this.base}/api/postal/v1/pickups/${id}`, { token: this.token }),
      [200],
      `pickup ${id}`,
    );
  }
}

export class ReportingClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async summary(agencyCode: string, from: string, to: string): Promise<Record<string, unknown>> {
    const r = await requestJson<Record<string, unknown>>(
      'GET',
      `${this.base}/api/reporting/v1/agencies/${encodeURIComponent(agencyCode)}/summary?from=${from}&to=${to}`,
      { token: this.token },
    );
    return expectStatus(r, [200], `reporting summary ${agencyCode}`);
  }

  /** `indicators` or `index-766` of an agency's subtree over local dates `from`…`to`. */
  async report(path: 'indicators' | 'index-766', agencyCode: string, from: string, to: string): Promise<Record<string, unknown>> {
    const r = await requestJson<Record<string, unknown>>(
      'GET',
      `${this.base}/api/reporting/v1/${path}?agency=${encodeURIComponent(agencyCode)}&from=${from}&to=${to}`,
      { token: this.token },
    );
    return expectStatus(r, [200], `reporting ${path} ${agencyCode}`);
  }
}

export interface SimSms {
  messageId: string;
  clientRequestId: string;
  phone: string;
  msisdn?: string;
  message?: string;
  text?: string;
}

export class SmsSimClient {
  constructor(private readonly base: string) {}

  async messages(phone?: string): Promise<SimSms[]> {
    const q = phone ? `?phone=${encodeURIComponent(phone)}` : '';
    return expectStatus(await requestJson<{ items: SimSms[] }>('GET', `${this.base}/__sim/messages${q}`), [200], 'sms sim messages').items;
  }
}

export class VnpostSimClient {
  constructor(private readonly base: string) {}

  async orders(): Promise<{ itemCode: string; orderNumber: string; statusCode: number }[]> {
    const body = expectStatus(await requestJson<unknown>('GET', `${this.base}/__sim/orders`), [200], 'vnpost sim orders');
    return (Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? [])) as {
      itemCode: string;
      orderNumber: string;
      statusCode: number;
    }[];
  }
}

/** Finds a numeric count named `key` anywhere in a (reporting) response. */
export function findCount(obj: unknown, key: string): number | undefined {
  if (!obj || typeof obj !== 'object') return undefined;
  const rec = obj as Record<string, unknown>;
  if (typeof rec[key] === 'number') return rec[key] as number;
  for (const v of Object.values(rec)) {
    const found = findCount(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}
