import { randomUUID } from 'crypto';
import { DOSSIER_RESOLVED, validateEnvelope } from './index';

const envelope = (data: object, over: object = {}) => ({
  id: randomUUID(),
  type: DOSSIER_RESOLVED,
  version: 1,
  occurredAt: '2026-01-05T02:00:00.000Z',
  source: 'routing',
  correlationId: '000.00.06.H56-260105-0001',
  causationId: null,
  data,
  ...over,
});
const resolved = {
  dossierCode: '000.00.06.H56-260105-0001',
  resolvingAgencyCode: '000.00.06.H56',
  resolvedAt: '2026-01-05T09:00:00+07:00',
  appointmentAt: '2026-01-06T09:00:00+07:00',
  timeliness: 'EARLY',
  resultSummary: 'Đã cấp giấy khai sinh',
};

describe('validateEnvelope', () => {
  it('accepts a valid event and returns a typed instance', () => {
    const r = validateEnvelope(envelope(resolved));
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.envelope.data as { timeliness: string }).timeliness).toBe('EARLY');
  });
  it('names the offending data field', () => {
    const r = validateEnvelope(envelope({ ...resolved, dossierCode: 'ABC' }));
    expect(r).toEqual({ ok: false, problems: [{ path: 'data.dossierCode', rule: 'matches' }] });
  });
  it('rejects unknown contracts and broken envelopes', () => {
    expect(validateEnvelope(envelope(resolved, { version: 9 })).ok).toBe(false);
    expect(validateEnvelope(envelope(resolved, { id: 'x' }))).toMatchObject({ ok: false, problems: [{ path: 'id' }] });
    expect(validateEnvelope('garbage')).toMatchObject({ ok: false });
  });
});
