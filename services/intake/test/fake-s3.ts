import { createHash, createHmac } from 'crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';

/**
 * A tiny S3-compatible server for tests: path-style PUT/GET/HEAD/DELETE of objects in one bucket, each request's
 * AWS Signature V4 recomputed from what arrived on the wire (own implementation, independent of the client's)
 * and the payload checked against `x-amz-content-sha256`. Refusals answer S3's XML errors.
 */
export class FakeS3 {
  readonly objects = new Map<string, { data: Buffer; headers: Record<string, string> }>();
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  private server?: Server;

  constructor(
    readonly bucket: string,
    readonly accessKeyId: string,
    private readonly secretAccessKey: string,
    readonly region = 'us-east-1',
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const reply = (status: number, code?: string, data?: Buffer, headers: Record<string, string> = {}) => {
      this.requests.push({ method: req.method ?? '', path: url.pathname, status });
      res.writeHead(status, { ...headers, ...(code ? { 'content-type': 'application/xml' } : {}) });
      res.end(code ? `<?xml version="1.0"?><Error><Code>${code}</Code></Error>` : data);
    };
    const problem = this.verify(req, url, body);
    if (problem) return reply(403, problem);
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (bucket !== this.bucket) return reply(404, 'NoSuchBucket');
    const stored = this.objects.get(key);
    switch (req.method) {
      case 'PUT': {
        const headers: Record<string, string> = {};
        for (const h of ['content-type', 'x-amz-server-side-encryption']) if (req.headers[h]) headers[h] = String(req.headers[h]);
        this.objects.set(key, { data: body, headers });
        return reply(200, undefined, Buffer.alloc(0), { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      }
      case 'GET':
        return stored ? reply(200, undefined, stored.data, { 'content-length': String(stored.data.length) }) : reply(404, 'NoSuchKey');
      case 'HEAD':
        this.requests.push({ method: 'HEAD', path: url.pathname, status: stored ? 200 : 404 });
        res.writeHead(stored ? 200 : 404, stored ? { 'content-length': String(stored.data.length) } : {});
        return void res.end();
      case 'DELETE':
        this.objects.delete(key);
        return reply(204, undefined, Buffer.alloc(0));
      default:
        return reply(405, 'MethodNotAllowed');
    }
  }

  /** Null when the signature and payload hash hold; else the S3 error code. */
  private verify(req: IncomingMessage, url: URL, body: Buffer): string | null {
    const auth = String(req.headers.authorization ?? '');
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return 'AccessDenied';
    const [, accessKey, day, region, signedHeaders, signature] = m;
    if (accessKey !== this.accessKeyId) return 'InvalidAccessKeyId';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    if (!amzDate.startsWith(day) || region !== this.region) return 'AuthorizationHeaderMalformed';
    const skew = Math.abs(Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')) - Date.now());
    if (!(skew < 15 * 60_000)) return 'RequestTimeTooSkewed';
    const names = signedHeaders.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256')) return 'AccessDenied';
    const payloadHash = String(req.headers['x-amz-content-sha256']);
    if (createHash('sha256').update(body).digest('hex') !== payloadHash) return 'XAmzContentSHA256Mismatch';
    const canonical = [
      req.method,
      url.pathname,
      [...url.searchParams]
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .sort()
        .join('&'),
      names.map((n) => `${n}:${String(req.headers[n] ?? '').trim()}\n`).join(''),
      signedHeaders,
      payloadHash,
    ].join('\n');
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${day}/${region}/s3/aws4_request\n${createHash('sha256').update(canonical).digest('hex')}`;
    let key: Buffer = createHmac('sha256', `AWS4${this.secretAccessKey}`).update(day).digest();
    for (const part of [region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    return createHmac('sha256', key).update(toSign).digest('hex') === signature ? null : 'SignatureDoesNotMatch';
  }
}
