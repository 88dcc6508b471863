import { assertProcessingTime, defaultLegalClock } from '@motcua/calendar';
import { DEMO_AGENCIES, DEMO_PROCEDURES } from './demo-catalog';
import { validateCatalogItem } from './catalog-writer';
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
      postMayCarryResult: true,
      fees: [],
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

  it('passes the validation an admin request or an import file gets', async () => {
    for (const { code, ...content } of DEMO_PROCEDURES) {
      const raw = JSON.parse(JSON.stringify({ code, ...content }, (_k, v) => (v === null ? undefined : v)));
      const { problems } = await validateCatalogItem(raw, true);
      expect({ code, problems }).toEqual({ code, problems: [] });
    }
  });

  it('gives conditional components their condition, fees in VND, every online level, post rules', () => {
    for (const p of DEMO_PROCEDURES) {
      for (const c of p.components) expect(c.required || !!c.condition).toBe(true);
      for (const f of p.fees) expect(Number.isInteger(f.amountVnd) && f.amountVnd >= 0).toBe(true);
      expect(p.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(DEMO_PROCEDURES.map((p) => p.onlineLevel))).toEqual(new Set(['FULL', 'PARTIAL', 'NONE']));
    expect(DEMO_PROCEDURES.filter((p) => p.fees.length).length).toBeGreaterThanOrEqual(20);
    expect(DEMO_PROCEDURES.find((p) => p.code === '1.000894')).toMatchObject({ postMayCarryDossier: false, postMayCarryResult: false });
    expect(DEMO_PROCEDURES.find((p) => p.code === '2.000815')).toMatchObject({ postMayCarryDossier: false, postMayCarryResult: true });
  });

  it('seeds both agency trees with codes in the national pattern and parents that exist', () => {
    const byCode = new Map(DEMO_AGENCIES.map((a) => [a.code, a]));
    for (const a of DEMO_AGENCIES) {
      expect(a.code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/);
      if (a.parentCode) expect(byCode.has(a.parentCode)).toBe(true);
      else expect(a.level).toBe('PROVINCE');
    }
    const communes = DEMO_AGENCIES.filter((a) => a.level === 'COMMUNE');
    expect(communes.filter((a) => a.tree === 'TWO_LEVEL').every((a) => byCode.get(a.parentCode!)!.level === 'PROVINCE')).toBe(true);
    const threeLevel = communes.filter((a) => a.tree === 'THREE_LEVEL');
    expect(threeLevel.length).toBeGreaterThan(0);
    expect(threeLevel.every((a) => byCode.get(a.parentCode!)!.level === 'DISTRICT' && a.validTo === '2025-07-01')).toBe(true);
    expect(DEMO_AGENCIES.some((a) => a.level === 'CENTER_BRANCH')).toBe(true);
  });
});
