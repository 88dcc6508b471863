import { createHash } from 'crypto';
import { EntityManager } from 'typeorm';
import { DomainError } from '@motcua/platform';
import { OnlineRequest } from './online-request.entity';

/** An integrator's `Idempotency-Key` for a supplement or withdrawal (`@{integrator}/{key}`) with its request's hash. */
export interface OnlineIdempotency {
  key: string;
  action: 'SUPPLEMENT' | 'WITHDRAWAL';
  hash: string;
}

export const onlineRequestHash = (code: string, body: object) =>
  createHash('sha256')
    .update(JSON.stringify({ code, ...body }))
    .digest('hex');

/**
 * True when this key was already used for the same request on this dossier (a replay: answer the dossier as
 * it is); 409 `INTAKE.IDEMPOTENCY_KEY_REUSED` when it was used for another request; false when new.
 */
export async function isOnlineReplay(m: EntityManager, idem: OnlineIdempotency, dossierId: string): Promise<boolean> {
  const row = await m.getRepository(OnlineRequest).findOne({ where: { idempotencyKey: idem.key } });
  if (!row) return false;
  if (row.dossierId !== dossierId || row.action !== idem.action || row.requestHash !== idem.hash) {
    throw new DomainError('INTAKE.IDEMPOTENCY_KEY_REUSED', 'CONFLICT', 'Idempotency-Key đã được dùng cho một yêu cầu khác');
  }
  return true;
}

/** Keeps the key in the transaction of the action it answers. */
export async function recordOnlineRequest(m: EntityManager, idem: OnlineIdempotency, dossierId: string): Promise<void> {
  await m.getRepository(OnlineRequest).insert({ idempotencyKey: idem.key, dossierId, action: idem.action, requestHash: idem.hash });
}
