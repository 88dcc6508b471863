import { assertProcessingTime, defaultLegalClock } from '@motcua/calendar';
import { DEMO_AGENCIES, DEMO_PROCEDURES } from './demo-catalog';
import { CODES_TO_VERIFY, SEED_PROCEDURES } from './seed-procedures';

describe('demo and seed catalog', () => {
  it('holds at least 30 procedures besides the skeleton ones, with unique national codes', () => {
    expect(SEED_PROCEDURES.length).toBeGreaterThanOrEqual(30);
    const codes = DEMO_PROCEDURES.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^([12]\.\d{6}|LT\.[A-Z0-9.-]+)$/); // LT.*: the platform's own linked-flow codes
    for (const code of CODES_TO_VERIFY) expect(codes).toContain(code);
  });

  it('keeps the e2e procedure 1.001193 at 1 working day at 000.21.01.H56', () => {
    expect(DEMO_PROCEDURES.find((p) => p.code === '1.001193')).toMatchObject({
      processingTime: { value: 1, unit: 'WORKING_DAYS' },
      competentAgencyCode: '000.21.01.H56',
      postAllowed: true,
    });
  });

  it('gives every procedure a known agency, a countable processing time, components and NFC Vietnamese text', () => {
    const agencies = new Set(DEMO_AGENCIES.map((a) => a.code));
    const clock = defaultLegalClock();
    for (const p of DEMO_PROCEDURES) {
      expect(agencies.has(p.competentAgencyCode)).toBe(true);
      expect(() => assertProcessingTime(p.processingTime)).not.toThrow();
      expect(clock.addDuration(new Date('2026-03-02T09:00:00+07:00'), p.processingTime).getTime()).toBeGreaterThan(0);
      expect(p.components.some((c) => c.required)).toBe(true);
      for (const text of [p.name, p.fieldName, ...p.components.map((c) => c.name)]) {
        expect(text).toBe(text.normalize('NFC'));
        expect(text).not.toMatch(/verify/i);
      }
      for (const c of p.components) expect(c.quantity).toBeGreaterThanOrEqual(1);
    }
  });

  it('covers every unit of processing time and the main fields', () => {
    expect(new Set(DEMO_PROCEDURES.map((p) => p.processingTime.unit))).toEqual(
      new Set(['WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS', 'WITHIN_DAY']),
    );
    expect(new Set(DEMO_PROCEDURES.map((p) => p.fieldCode))).toEqual(
      new Set(['HOTICH', 'CHUNGTHUC', 'CUTRU', 'HKD', 'DATDAI', 'LLTP', 'XAYDUNG']),
    );
  });
});
