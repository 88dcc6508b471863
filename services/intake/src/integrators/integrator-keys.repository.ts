import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IntegratorKey } from './integrator-key.entity';

@Injectable()
export class IntegratorKeysRepository {
  insert(m: EntityManager, key: Partial<IntegratorKey>): Promise<IntegratorKey> {
    return m.getRepository(IntegratorKey).save(m.getRepository(IntegratorKey).create(key));
  }

  findByPrefix(m: EntityManager, prefix: string): Promise<IntegratorKey | null> {
    return m.getRepository(IntegratorKey).findOne({ where: { prefix } });
  }

  find(m: EntityManager, id: string, lock = false): Promise<IntegratorKey | null> {
    return m.getRepository(IntegratorKey).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  list(m: EntityManager, integrator?: string): Promise<IntegratorKey[]> {
    return m
      .getRepository(IntegratorKey)
      .find({ where: integrator ? { integrator: integrator as IntegratorKey['integrator'] } : {}, order: { createdAt: 'ASC' } });
  }

  async revoke(m: EntityManager, id: string, by: string, at: Date): Promise<void> {
    await m.getRepository(IntegratorKey).update({ id }, { revokedAt: at, revokedBy: by });
  }
}
