export interface SmsRequest {
  /** Our message id; the gateway deduplicates on it, so a resend after a crash is harmless. */
  clientRequestId: string;
  phone: string;
  message: string;
}

export type SmsSendResult =
  | { ok: true; gatewayMessageId: string }
  /** `retryable: false` when sending again cannot help (the gateway refused the request itself). */
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

/** Port to an SMS gateway. Implementations never throw: every outcome is a result. */
export abstract class SmsGatewayAdapter {
  abstract send(req: SmsRequest): Promise<SmsSendResult>;
}

export interface HttpSmsGatewayOptions {
  baseUrl: string;
  apiKey: string;
  brandname: string;
  timeoutMs: number;
}

/**
 * `POST {baseUrl}/api/v1/sms/send` with `Authorization: Bearer <apiKey>` and
 * `{ brandname, phone, message, clientRequestId }`; success is a 2xx whose body carries `messageId`.
 * 408, 429 and 5xx (and network errors, timeouts) are retryable; other 4xx are not.
 */
export class HttpSmsGatewayAdapter extends SmsGatewayAdapter {
  constructor(private readonly opts: HttpSmsGatewayOptions) {
    super();
  }

  async send(req: SmsRequest): Promise<SmsSendResult> {
    const url = `${this.opts.baseUrl.replace(/\/+$/, '')}/api/v1/sms/send`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${this.opts.apiKey}` },
        body: JSON.stringify({
          brandname: this.opts.brandname,
          phone: req.phone,
          message: req.message,
          clientRequestId: req.clientRequestId,
        }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      const reason = e.name === 'TimeoutError' ? `timeout after ${this.opts.timeoutMs} ms` : e.message;
      return { ok: false, retryable: true, error: `SMS gateway unreachable: ${reason}` };
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      const retryAfterMs = retryAfter(res.headers.get('retry-after'));
      return {
        ok: false,
        retryable,
        error: `SMS gateway answered ${res.status}: ${text.slice(0, 300)}`,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    let body: { messageId?: unknown; id?: unknown } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { ok: false, retryable: true, error: `SMS gateway answered ${res.status} without JSON` };
    }
    const id = body.messageId ?? body.id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      return { ok: false, retryable: true, error: `SMS gateway answered ${res.status} without a messageId` };
    }
    return { ok: true, gatewayMessageId: String(id) };
  }
}

/** `Retry-After` in seconds (or an HTTP date) → milliseconds, capped at an hour; undefined when absent or unreadable. */
export function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 3_600_000) : undefined;
}
