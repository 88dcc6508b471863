export interface ZnsRequest {
  /** Our message id, sent as `tracking_id`: the provider deduplicates on it. */
  trackingId: string;
  /** `0xxxxxxxxx`; sent as `84xxxxxxxxx`. */
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
}

export type ZnsSendResult =
  | { ok: true; providerMessageId: string }
  /** `noAccount`: the number has no Zalo account — permanent, fall back to SMS at once. */
  | { ok: false; retryable: boolean; noAccount: boolean; error: string };

/** Port to Zalo ZNS. Implementations never throw: every outcome is a result. */
export abstract class ZaloZnsAdapter {
  abstract send(req: ZnsRequest): Promise<ZnsSendResult>;
}

export interface HttpZaloZnsOptions {
  baseUrl: string;
  accessToken: string;
  timeoutMs: number;
}

/** ZNS errors after which sending again cannot help (beyond "no Zalo account"). */
const PERMANENT = new Set([-108, -109, -117, -119, -131, -133]);
const NO_ACCOUNT = new Set([-118]);

/**
 * `POST {baseUrl}/message/template` with header `access_token` and
 * `{ phone: "84…", template_id, template_data, tracking_id }`; Zalo answers HTTP 200 with
 * `{ error: 0, data: { msg_id } }` on success, or a negative `error` code.
 */
export class HttpZaloZnsAdapter extends ZaloZnsAdapter {
  constructor(private readonly opts: HttpZaloZnsOptions) {
    super();
  }

  async send(req: ZnsRequest): Promise<ZnsSendResult> {
    const url = `${this.opts.baseUrl.replace(/\/+$/, '')}/message/template`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', access_token: this.opts.accessToken },
        body: JSON.stringify({
          phone: `84${req.phone.replace(/^0/, '')}`,
          template_id: req.templateId,
          template_data: req.templateData,
          tracking_id: req.trackingId,
        }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      const reason = e.name === 'TimeoutError' ? `timeout after ${this.opts.timeoutMs} ms` : e.message;
      return { ok: false, retryable: true, noAccount: false, error: `Zalo ZNS unreachable: ${reason}` };
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      return { ok: false, retryable, noAccount: false, error: `Zalo ZNS answered ${res.status}: ${text.slice(0, 300)}` };
    }
    let body: { error?: unknown; message?: unknown; data?: { msg_id?: unknown } } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { ok: false, retryable: true, noAccount: false, error: `Zalo ZNS answered ${res.status} without JSON` };
    }
    const code = typeof body.error === 'number' ? body.error : Number(body.error);
    if (code === 0 && (typeof body.data?.msg_id === 'string' || typeof body.data?.msg_id === 'number')) {
      return { ok: true, providerMessageId: String(body.data.msg_id) };
    }
    const error = `Zalo ZNS error ${String(body.error)}: ${String(body.message ?? '').slice(0, 200)}`;
    if (NO_ACCOUNT.has(code)) return { ok: false, retryable: false, noAccount: true, error };
    return { ok: false, retryable: !PERMANENT.has(code), noAccount: false, error };
  }
}
