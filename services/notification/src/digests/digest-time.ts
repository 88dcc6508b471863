import { addDays, localDate, localMidnight } from '@motcua/calendar';

/** `HH:MM[:SS]` → seconds after local midnight. */
export function secondsOfDay(hms: string): number {
  const [h, m, s = '0'] = hms.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** The local date of the first daily send time at or after `at`: the digest an alert detected at `at` belongs to. */
export function digestDateOf(at: Date, sendAtSeconds: number): string {
  const date = localDate(at);
  const sinceMidnight = (at.getTime() - localMidnight(date).getTime()) / 1000;
  return sinceMidnight < sendAtSeconds ? date : addDays(date, 1);
}

/** The digest due at `now`: today's once the local send time has passed, else none. */
export function digestDue(now: Date, sendAtSeconds: number): string | null {
  const date = localDate(now);
  return (now.getTime() - localMidnight(date).getTime()) / 1000 >= sendAtSeconds ? date : null;
}

/** `000.00.06.H56=a@x.vn,b@x.vn;000.00.07.H56=c@x.vn` → agency → addresses. */
export function parseDigestRecipients(spec: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of spec
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [agency, list = ''] = part.split('=');
    out.set(
      agency.trim(),
      list
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    );
  }
  return out;
}
