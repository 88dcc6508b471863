import { ConsumerSpec, NonRetryableError } from './bus';

/** Defaults shared by both bus implementations (documented on ConsumerSpec). */
export const DEFAULT_PREFETCH = 20;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 5000, 30000];

export type ResolvedConsumerSpec = Required<ConsumerSpec>;

export function resolveSpec(spec: ConsumerSpec): ResolvedConsumerSpec {
  if (!spec.service || !/^[a-z0-9][a-z0-9-]*$/.test(spec.service)) {
    throw new Error(`Invalid consumer service name "${spec.service}" (lowercase letters, digits and dashes)`);
  }
  if (!spec.bindings.length) throw new Error(`Consumer "${spec.service}" declares no bindings`);
  const prefetch = spec.prefetch ?? DEFAULT_PREFETCH;
  if (!Number.isInteger(prefetch) || prefetch < 1) throw new Error(`Invalid prefetch ${prefetch}`);
  const retryDelaysMs = [...(spec.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)];
  for (const d of retryDelaysMs) if (!Number.isInteger(d) || d < 0) throw new Error(`Invalid retry delay ${d}`);
  return { service: spec.service, bindings: [...new Set(spec.bindings)], prefetch, retryDelaysMs };
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/** `instanceof` fails across module copies (jest registries, duplicated packages): also trust the name. */
export function isNonRetryable(err: unknown): boolean {
  return err instanceof NonRetryableError || (err instanceof Error && err.name === 'NonRetryableError');
}

export function truncate(text: string, max = 1000): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function envelopeIdOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string') {
    return (body as { id: string }).id;
  }
  return undefined;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
