import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_DOCUMENT_DIGITIZED, DossierDocumentDigitizedV1, EventEnvelope, validateEnvelope } from '@motcua/contracts';
import { expectEventually } from '@motcua/testing';
import { bearer, resolveAsRouting, RunningIntake, startIntake, MINIMAL_PDF } from './intake-test-kit';

const CENTER = '000.00.06.H56';
const COMMUNE = '000.21.01.H56';
const CITIZEN = '038190005678';
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTER };
const specialist: AuthUser = { sub: 'sp1', name: 'Trần Đức', roles: ['SPECIALIST'], agencyCode: COMMUNE };

const PDF = MINIMAL_PDF;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('giấy khai sinh bản điện tử'),
  Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

type Digitized = EventEnvelope<DossierDocumentDigitizedV1>;

describe('dossier.document-digitized: each digitized document of a dossier, with its running totals', () => {
  let intake: RunningIntake;
  let storageDir: string;
  /** In the order the outbox published them (one consumer, prefetch 1). */
  const published: Digitized[] = [];
  /** A digitized result of the citizen's resolved dossier, reusable as a component of a later one. */
  let resultOnFile: string;

  const receive = async (components?: { index: number; form: string; quantity: number }[]) =>
    (
      await intake
        .http()
        .post('/api/intake/v1/dossiers')
        .set('Authorization', bearer(clerk))
        .send({
          procedureCode: '1.001193',
          channel: 'COUNTER',
          applicant: { fullName: 'Nguyễn Thị Hòa', idNumber: CITIZEN, phone: '0912345678' },
          resultDelivery: 'COUNTER',
          ...(components ? { components } : {}),
        })
        .expect(201)
    ).body.code as string;
  const upload = (code: string, file: Buffer, fields: Record<string, string>, user: AuthUser = clerk) => {
    const req = intake.http().post(`/api/intake/v1/dossiers/${code}/documents`).set('Authorization', bearer(user));
    for (const [k, v] of Object.entries(fields)) void req.field(k, v);
    return req.attach('file', file, { filename: 'giay-to.bin', contentType: 'application/octet-stream' });
  };
  const reuse = (code: string, componentIndex: number, digitizedDocumentId = resultOnFile) =>
    intake
      .http()
      .post(`/api/intake/v1/dossiers/${code}/documents/reuse`)
      .set('Authorization', bearer(clerk))
      .send({ componentIndex, digitizedDocumentId });
  const eventsOf = (code: string) => published.filter((e) => e.data.dossierCode === code);
  const sql = (q: string, params: unknown[] = []) => intake.app.get(DataSource).query(q, params);

  beforeAll(async () => {
    storageDir = await fs.mkdtemp(join(tmpdir(), 'motcua-digitized-'));
    intake = await startIntake('intake_digitized', { documentStorageDir: storageDir });
    await intake.bus.consume({ service: 'probe', bindings: [DOSSIER_DOCUMENT_DIGITIZED], prefetch: 1 }, async (raw) => {
      published.push(raw as Digitized);
    });

    // an earlier dossier of the citizen, resolved with its result on file
    const earlier = await receive();
    resultOnFile = (await upload(earlier, PNG, { kind: 'RESULT' }, specialist).expect(201)).body.id;
    await resolveAsRouting(intake.bus, intake.app, earlier, COMMUNE);
    await expectEventually(async () => expect(eventsOf(earlier)).toHaveLength(1));
  });

  afterAll(async () => {
    await intake?.close();
    if (storageDir) await fs.rm(storageDir, { recursive: true, force: true });
  });

  it('upload component 1, reuse component 2, re-upload 1, upload the result: one event each, exact running totals', async () => {
    const code = await receive(); // no component list: form 01 lists the procedure's 2 required components
    const first = (await upload(code, PDF, { componentIndex: '1' }).expect(201)).body;
    const reused = (await reuse(code, 2).expect(201)).body;
    const again = (await upload(code, PNG, { componentIndex: '1' }).expect(201)).body;
    const result = (await upload(code, PDF, { kind: 'RESULT' }, specialist).expect(201)).body;

    await expectEventually(async () => expect(eventsOf(code)).toHaveLength(4));
    const events = eventsOf(code);
    for (const e of events) {
      expect(e).toMatchObject({ type: DOSSIER_DOCUMENT_DIGITIZED, version: 1, source: 'intake', correlationId: code });
      expect(validateEnvelope(e)).toMatchObject({ ok: true });
    }
    const totals = (componentsDigitized: number, componentsReused: number) => ({
      dossierCode: code,
      componentsReceived: 2,
      componentsDigitized,
      componentsReused,
    });
    expect(events.map((e) => e.data)).toEqual([
      { documentId: first.id, kind: 'COMPONENT', componentIndex: 1, reused: false, digitizedAt: first.uploadedAt, ...totals(1, 0) },
      { documentId: reused.id, kind: 'COMPONENT', componentIndex: 2, reused: true, digitizedAt: reused.uploadedAt, ...totals(2, 1) },
      // a re-upload publishes again; the totals do not grow
      { documentId: again.id, kind: 'COMPONENT', componentIndex: 1, reused: false, digitizedAt: again.uploadedAt, ...totals(2, 1) },
      { documentId: result.id, kind: 'RESULT', reused: false, digitizedAt: result.uploadedAt, ...totals(2, 1) },
    ]);
    expect(events[3].data).not.toHaveProperty('componentIndex');
  });

  it('publishes nothing for a refused upload or reuse (hostile file, truncated file, unknown component, foreign document)', async () => {
    const code = await receive([
      { index: 1, form: 'ORIGINAL', quantity: 1 },
      { index: 2, form: 'ORIGINAL', quantity: 1 },
    ]);
    await upload(code, EXE, { componentIndex: '1' }).expect(415);
    await upload(code, PDF.subarray(0, PDF.length - 8), { componentIndex: '1' }).expect(422);
    await upload(code, PDF, { componentIndex: '9' }).expect(400);
    await reuse(code, 1, '00000000-0000-4000-8000-000000000000').expect(422);
    expect(await sql('SELECT id FROM dossier_document WHERE dossier_code = $1', [code])).toEqual([]);

    // the next accepted document is the dossier's first event (the outbox publishes in order)
    const accepted = (await upload(code, PDF, { componentIndex: '2' }).expect(201)).body;
    await expectEventually(async () => expect(eventsOf(code)).toHaveLength(1));
    expect(eventsOf(code)[0].data).toMatchObject({
      documentId: accepted.id,
      componentsReceived: 2,
      componentsDigitized: 1,
      componentsReused: 0,
    });

    // a reuse already linked (409) publishes nothing either
    const linked = (await reuse(code, 1).expect(201)).body;
    await reuse(code, 1).expect(409);
    const barrier = (await upload(code, PNG, { componentIndex: '1' }).expect(201)).body;
    await expectEventually(async () => expect(eventsOf(code)).toHaveLength(3));
    expect(eventsOf(code).map((e) => [e.data.documentId, e.data.componentsDigitized, e.data.componentsReused])).toEqual([
      [accepted.id, 1, 0],
      [linked.id, 2, 1],
      [barrier.id, 2, 1],
    ]);
  });

  it('counts only the components the dossier was received with (its received_components)', async () => {
    const code = await receive();
    // received with component 2 only (as a form 02 check completed later would record it)
    await sql(`UPDATE dossier SET received_components = $2::jsonb WHERE code = $1`, [
      code,
      JSON.stringify([{ index: 2, name: 'Giấy chứng sinh', form: 'ORIGINAL', quantity: 1 }]),
    ]);
    const notReceived = (await upload(code, PDF, { componentIndex: '1' }).expect(201)).body;
    const received = (await reuse(code, 2).expect(201)).body;
    await expectEventually(async () => expect(eventsOf(code)).toHaveLength(2));
    expect(eventsOf(code).map((e) => e.data)).toEqual([
      expect.objectContaining({ documentId: notReceived.id, componentsReceived: 1, componentsDigitized: 0, componentsReused: 0 }),
      expect.objectContaining({ documentId: received.id, componentsReceived: 1, componentsDigitized: 1, componentsReused: 1 }),
    ]);
  });

  it('concurrent uploads and reuses for one dossier: every event counts every document published before it', async () => {
    const codes = await Promise.all([receive(), receive(), receive()]);
    const requests = codes.flatMap((code) => [
      upload(code, PDF, { componentIndex: '1' }),
      upload(code, PNG, { componentIndex: '2' }),
      reuse(code, 1),
      reuse(code, 2),
      upload(code, PNG, { componentIndex: '1' }),
      upload(code, PDF, { componentIndex: '2' }),
    ]);
    for (const res of await Promise.all(requests)) expect(res.status).toBe(201);

    await expectEventually(async () => {
      for (const code of codes) expect(eventsOf(code)).toHaveLength(6);
    });
    for (const code of codes) {
      const digitized = new Set<number>();
      const reused = new Set<number>();
      const seen = eventsOf(code).map((e) => {
        digitized.add(e.data.componentIndex!);
        if (e.data.reused) reused.add(e.data.componentIndex!);
        return { got: [e.data.componentsDigitized, e.data.componentsReused], expected: [digitized.size, reused.size] };
      });
      expect(seen.map((s) => s.got)).toEqual(seen.map((s) => s.expected));
      expect(seen[5].got).toEqual([2, 2]);
    }
  });
});
