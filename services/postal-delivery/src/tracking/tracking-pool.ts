import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { runInTransaction } from '@motcua/messaging';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { s10TrackingNumber } from '../carriers/s10';
import { PostalConfig } from '../config/postal.config';
import { TrackingRange } from './tracking-range.entity';

export interface LoadRange {
  prefix: string;
  serialFrom: number;
  serialTo: number;
}

/** Attempts before giving up when concurrent allocators exhaust the range we picked. */
const MAX_TRIES = 20;

/**
 * The pool of tracking numbers: ranges the carrier assigned to us, loaded by an administrator.
 * Allocation takes the row lock of one range (`UPDATE … WHERE next_serial <= serial_to`, re-checked
 * after a wait), so concurrent allocations never share a serial; the lock is held until the order's
 * transaction commits. When no range has serials left the service falls back to its own sequence only
 * if `trackingPoolFallback` is on; otherwise allocation fails with `POSTAL.TRACKING_POOL_EMPTY` (409).
 */
@Injectable()
export class TrackingPool {
  constructor(
    private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  /** A tracking number for an order inside `m`'s transaction; `sequence` is the order's own serial (fallback). */
  async allocate(m: EntityManager, sequence: number): Promise<string> {
    for (let i = 0; i < MAX_TRIES; i++) {
      const candidate = await m
        .getRepository(TrackingRange)
        .createQueryBuilder('r')
        .select(['r.id'])
        .where('r.next_serial <= r.serial_to')
        .orderBy('r.loaded_at', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .getOne();
      if (!candidate) break;
      const rows = (await m.query(
        `UPDATE tracking_range SET next_serial = next_serial + 1 WHERE id = $1 AND next_serial <= serial_to RETURNING prefix, next_serial - 1 AS serial`,
        [candidate.id],
      )) as [{ prefix: string; serial: number }[], number];
      const row = rows[0]?.[0];
      if (row) return s10TrackingNumber(row.prefix, Number(row.serial));
      // the range ran out while we waited for its lock: try the next one
    }
    if (this.config.trackingPoolFallback) return s10TrackingNumber(this.config.trackingPrefix, sequence);
    throw new DomainError('POSTAL.TRACKING_POOL_EMPTY', 'CONFLICT', 'Đã hết dải số hiệu bưu gửi, cần nạp dải số mới từ VNPost');
  }

  /** Loads a range the carrier assigned; it may not overlap a range already loaded with the same prefix. */
  async load(input: LoadRange, user: AuthUser): Promise<TrackingRange> {
    const prefix = input.prefix.toUpperCase();
    if (input.serialTo < input.serialFrom) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'serialTo', rule: 'isNotBefore', message: 'Số cuối dải phải lớn hơn hoặc bằng số đầu dải' },
      ]);
    }
    return runInTransaction(this.db, async (m) => {
      // one loader at a time, so two overlapping ranges cannot both pass the check
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('tracking_range'))`);
      const overlap = await m
        .getRepository(TrackingRange)
        .createQueryBuilder('r')
        .where('r.prefix = :prefix AND r.serial_from <= :to AND r.serial_to >= :from', {
          prefix,
          from: input.serialFrom,
          to: input.serialTo,
        })
        .getOne();
      if (overlap) {
        throw new DomainError('POSTAL.TRACKING_RANGE_OVERLAP', 'CONFLICT', 'Dải số hiệu trùng với dải đã nạp', [
          { field: 'serialFrom', rule: 'noOverlap', message: `Trùng với dải ${overlap.prefix} ${overlap.serialFrom}–${overlap.serialTo}` },
        ]);
      }
      return m.getRepository(TrackingRange).save(
        m.getRepository(TrackingRange).create({
          prefix,
          serialFrom: input.serialFrom,
          serialTo: input.serialTo,
          nextSerial: input.serialFrom,
          loadedBy: user.sub,
        }),
      );
    });
  }

  list(): Promise<TrackingRange[]> {
    return this.db.getRepository(TrackingRange).find({ order: { loadedAt: 'ASC', id: 'ASC' } });
  }
}
