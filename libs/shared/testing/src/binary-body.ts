/**
 * A supertest / superagent body parser that keeps the raw bytes (`.buffer(true).parse(binaryBody)`): PDFs, XLSX,
 * images — whatever the content type.
 */
export function binaryBody(res: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
