const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** ISO-8601 in Vietnam local time (UTC+7, no DST), e.g. `2025-07-01T09:30:00.000+07:00`. */
export function toVietnamIso(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().replace('Z', '+07:00');
}
