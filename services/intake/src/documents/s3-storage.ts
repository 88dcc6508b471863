import { createHash, createHmac } from 'crypto';
import type { DocumentStorage } from './document-storage';

export interface S3StorageOptions {
  /** `https://s3.example.vn` or `http://127.0.0.1:9000` (MinIO, Ceph RGW, a cloud S3); path-style addressing. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `AES256` or `aws:kms` to ask the store to encrypt at rest; unset: the bucket's default. */
  serverSideEncryption?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;
export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Z a-z 0-9 - . _ ~` (and `/` in paths). */
export function awsUriEncode(value: string, keepSlash = false): string {
  return Array.from(Buffer.from(value, 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/') ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

export interface SigV4Request {
  method: string;
  /** Already encoded path, e.g. `/bucket/key`. */
  path: string;
  query?: Record<string, string>;
  /** Lower-case names; must contain `host`, `x-amz-date` and (for S3) `x-amz-content-sha256`. */
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** AWS Signature Version 4: the `Authorization` header of a request (`x-amz-date` gives the time). */
export function sigV4Authorization(r: SigV4Request): string {
  const amzDate = r.headers['x-amz-date'];
  const day = amzDate.slice(0, 8);
  const names = Object.keys(r.headers)
    .map((n) => n.toLowerCase())
    .sort();
  const canonicalHeaders = names.map((n) => `${n}:${String(r.headers[n]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const query = Object.entries(r.query ?? {})
    .map(([k, v]) => [awsUriEncode(k), awsUriEncode(v)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [r.method, r.path, query, canonicalHeaders, signedHeaders, r.payloadHash].join('\n');
  const scope = `${day}/${r.region}/${r.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${r.secretAccessKey}`, day), r.region), r.service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${r.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** `yyyyMMddTHHmmssZ`. */
export const amzDate = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export class S3StorageError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * S3-compatible object storage (production): path-style requests signed with SigV4 over HTTP(S), the
 * payload's SHA-256 signed too (`x-amz-content-sha256`), so the store refuses a body altered in transit.
 * Keys are the service's own `{dossierId}/{documentId}`.
 */
export class S3DocumentStorage implements DocumentStorage {
  private readonly endpoint: URL;

  constructor(
    private readonly options: S3StorageOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.endpoint = new URL(options.endpoint);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const extra: Record<string, string> = { 'content-type': 'application/octet-stream', 'content-length': String(data.length) };
    if (this.options.serverSideEncryption) extra['x-amz-server-side-encryption'] = this.options.serverSideEncryption;
    const res = await this.send('PUT', key, data, extra);
    if (res.status !== 200) throw await this.failure('PUT', key, res);
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.send('GET', key);
    if (res.status !== 200) throw await this.failure('GET', key, res);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Whether the object exists (HEAD). */
  async exists(key: string): Promise<boolean> {
    const res = await this.send('HEAD', key);
    if (res.status === 404) return false;
    if (res.status !== 200) throw await this.failure('HEAD', key, res);
    return true;
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    if (res.status !== 204 && res.status !== 200 && res.status !== 404) throw await this.failure('DELETE', key, res);
  }

  private async send(method: string, key: string, body?: Buffer, extra: Record<string, string> = {}): Promise<Response> {
    if (!KEY.test(key)) throw new Error(`Invalid storage key ${key}`);
    const base = this.endpoint.pathname.replace(/\/+$/, '');
    const path = `${base}/${awsUriEncode(this.options.bucket)}/${awsUriEncode(key, true)}`;
    const headers: Record<string, string> = {
      host: this.endpoint.host,
      'x-amz-date': amzDate(this.now()),
      'x-amz-content-sha256': body ? sha256Hex(body) : EMPTY_SHA256,
      ...extra,
    };
    headers.authorization = sigV4Authorization({
      method,
      path,
      headers,
      payloadHash: headers['x-amz-content-sha256'],
      region: this.options.region,
      service: 's3',
      accessKeyId: this.options.accessKeyId,
      secretAccessKey: this.options.secretAccessKey,
    });
    const { host: _host, ...sent } = headers; // fetch sets Host itself, from the URL
    return fetch(new URL(path, this.endpoint.origin), {
      method,
      headers: sent,
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
  }

  private async failure(method: string, key: string, res: Response): Promise<S3StorageError> {
    const text = method === 'HEAD' ? '' : (await res.text().catch(() => '')).slice(0, 300);
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
    return new S3StorageError(`S3 ${method} ${key} failed: ${res.status} ${code}`.trim(), res.status);
  }
}
