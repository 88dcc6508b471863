import { createHmac, timingSafeEqual } from 'crypto';
import { CarrierAdapter, CarrierError, CarrierOrder, CarrierStatusEntry, CarrierUpdatesPage, CreateShipment } from './carrier';

export interface VnpostOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

interface VnpostResponse {
  status?: string;
  message?: string;
  data?: {
    orderId?: string;
    itemCode?: string;
    statusCode?: number;
    items?: Array<{ itemCode?: string }>;
    page?: number;
    totalPages?: number;
  } & Array<{ statusCode?: number; time?: string; note?: string }>;
}

/** VNPost answers at most 500 orders per page of its update list. */
export const VNPOST_MAX_PAGE_SIZE = 500;

/** MyVNPost shipping API: token in a `token` header, status "100" = success, COD as add-on GTG021. */
export class VnpostAdapter implements CarrierAdapter {
  readonly name = 'VNPOST';

  constructor(private readonly opts: VnpostOptions) {}

  async createShipment(req: CreateShipment): Promise<CarrierOrder> {
    const body = {
      orderNumber: req.orderNumber,
      itemCode: req.itemCode,
      senderName: req.sender.name,
      senderPhone: req.sender.phone,
      senderAddress: req.sender.address,
      senderProvinceCode: req.sender.provinceCode,
      senderCommuneCode: req.sender.communeCode,
      receiverName: req.receiver.name,
      receiverPhone: req.receiver.phone,
      receiverAddress: req.receiver.address,
      receiverProvinceCode: req.receiver.provinceCode,
      receiverCommuneCode: req.receiver.communeCode,
      ...(req.receiver.districtCode ? { receiverDistrictCode: req.receiver.districtCode } : {}),
      weight: req.weightGrams,
      description: req.description,
      ...(req.codAmount > 0
        ? {
            codAmount: req.codAmount,
            addonServices: [{ code: 'GTG021', propValue: [{ propCode: 'PROP0018', propValue: String(req.codAmount) }] }],
          }
        : {}),
    };
    const res = await this.call('POST', '/api/v1/orders', body);
    if (res.status === 409) {
      // Already created by an earlier attempt whose answer we lost: read it back by item code.
      const existing = await this.call('GET', `/api/v1/orders/${encodeURIComponent(req.itemCode)}`);
      if (existing.ok && existing.json.data?.orderId) return this.order(existing.json, req.itemCode);
      throw new CarrierError(`VNPost reports a conflicting order for ${req.orderNumber}`, false, 409);
    }
    if (!res.ok || res.json.status !== '100') {
      const retryable = res.status >= 500 || res.status === 429;
      throw new CarrierError(`VNPost create failed (${res.status}): ${res.json.message ?? 'no message'}`, retryable, res.status);
    }
    return this.order(res.json, req.itemCode);
  }

  async listUpdates(from: Date, to: Date, page: number, pageSize: number): Promise<CarrierUpdatesPage> {
    const size = Math.min(Math.max(1, pageSize), VNPOST_MAX_PAGE_SIZE);
    const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), page: String(page), pageSize: String(size) });
    const res = await this.call('GET', `/api/v1/orders/updates?${query.toString()}`);
    if (!res.ok || res.json.status !== '100' || !Array.isArray(res.json.data?.items)) {
      throw new CarrierError(`VNPost update list failed (${res.status}): ${res.json.message ?? 'no message'}`, true, res.status);
    }
    const data = res.json.data;
    return {
      itemCodes: (data.items ?? []).map((i) => String(i.itemCode ?? '')).filter((c) => c.length > 0),
      page: Number(data.page ?? page),
      totalPages: Number(data.totalPages ?? 0),
    };
  }

  async history(itemCode: string): Promise<CarrierStatusEntry[]> {
    const res = await this.call('GET', `/api/v1/orders/${encodeURIComponent(itemCode)}/history`);
    if (!res.ok || res.json.status !== '100' || !Array.isArray(res.json.data)) {
      throw new CarrierError(`VNPost history of ${itemCode} failed (${res.status}): ${res.json.message ?? 'no message'}`, true, res.status);
    }
    return res.json.data
      .filter((h) => typeof h.statusCode === 'number' && typeof h.time === 'string' && Number.isFinite(Date.parse(h.time)))
      .map((h) => ({ statusCode: Number(h.statusCode), time: new Date(String(h.time)), ...(h.note ? { note: String(h.note) } : {}) }));
  }

  async cancelShipment(itemCode: string, reason: string): Promise<CarrierOrder> {
    const res = await this.call('POST', `/api/v1/orders/${encodeURIComponent(itemCode)}/cancel`, { reason });
    if (!res.ok || res.json.status !== '100') {
      const retryable = res.status >= 500 || res.status === 429 || res.status === 0;
      throw new CarrierError(
        `VNPost cancel of ${itemCode} failed (${res.status}): ${res.json.message ?? 'no message'}`,
        retryable,
        res.status,
      );
    }
    return this.order(res.json, itemCode);
  }

  private order(json: VnpostResponse, itemCode: string): CarrierOrder {
    return { orderId: String(json.data?.orderId), itemCode: json.data?.itemCode ?? itemCode, statusCode: json.data?.statusCode ?? 1 };
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: boolean; status: number; json: VnpostResponse }> {
    let res: Response;
    try {
      res = await fetch(`${this.opts.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: { token: this.opts.token, 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      throw new CarrierError(`VNPost unreachable: ${(err as Error).message}`, true);
    }
    const json = (await res.json().catch(() => ({}))) as VnpostResponse;
    return { ok: res.ok, status: res.status, json };
  }
}

/**
 * Tracking webhook signature: hex HMAC-SHA256 of `${timestamp}.${rawBody}`, timestamp (unix seconds)
 * in `x-vnpost-timestamp`, signature in `x-vnpost-signature`; outside the tolerance window = replay.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: Buffer,
  nowSeconds: number,
  toleranceSeconds: number,
): 'ok' | 'missing' | 'stale' | 'bad-signature' {
  if (!timestamp || !signature || !/^\d{9,11}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) return 'missing';
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return 'stale';
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'ok' : 'bad-signature';
}
