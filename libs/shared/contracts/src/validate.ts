import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventEnvelope } from './envelope';
import { findContract } from './registry';

export interface EnvelopeProblem {
  path: string;
  rule: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function flatten(errors: ValidationError[], prefix: string, out: EnvelopeProblem[]): void {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const rule of Object.keys(e.constraints ?? {})) out.push({ path, rule });
    if (e.children?.length) flatten(e.children, path, out);
  }
}

/**
 * Checks an incoming message against the envelope shape and its registered contract.
 * Returns the typed `data` instance, or the list of problems (never throws).
 */
export function validateEnvelope(raw: unknown): { ok: true; envelope: EventEnvelope<object> } | { ok: false; problems: EnvelopeProblem[] } {
  const problems: EnvelopeProblem[] = [];
  if (typeof raw !== 'object' || raw === null) return { ok: false, problems: [{ path: '', rule: 'isObject' }] };
  const env = raw as Record<string, unknown>;
  if (typeof env.id !== 'string' || !UUID.test(env.id)) problems.push({ path: 'id', rule: 'isUuid' });
  if (typeof env.type !== 'string') problems.push({ path: 'type', rule: 'isString' });
  if (typeof env.version !== 'number' || !Number.isInteger(env.version)) problems.push({ path: 'version', rule: 'isInt' });
  if (typeof env.occurredAt !== 'string' || Number.isNaN(Date.parse(env.occurredAt)))
    problems.push({ path: 'occurredAt', rule: 'isISO8601' });
  if (typeof env.source !== 'string') problems.push({ path: 'source', rule: 'isString' });
  if (env.correlationId !== null && typeof env.correlationId !== 'string') problems.push({ path: 'correlationId', rule: 'isStringOrNull' });
  if (env.causationId !== null && typeof env.causationId !== 'string') problems.push({ path: 'causationId', rule: 'isStringOrNull' });
  if (typeof env.data !== 'object' || env.data === null) problems.push({ path: 'data', rule: 'isObject' });
  if (problems.length) return { ok: false, problems };
  const contract = findContract(env.type as string, env.version as number);
  if (!contract) return { ok: false, problems: [{ path: 'type', rule: `unknownContract(${String(env.type)}@${String(env.version)})` }] };
  const data = plainToInstance(contract.schema, env.data) as object;
  flatten(validateSync(data, { whitelist: true, forbidNonWhitelisted: false }), 'data', problems);
  if (problems.length) return { ok: false, problems };
  return { ok: true, envelope: { ...(env as unknown as EventEnvelope<object>), data } };
}
