import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerOf, WakeableWorker } from '@motcua/messaging';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { CARRIER_ADAPTER, CarrierAdapter } from '../carriers/carrier';
import { carrierEventId } from '../carriers/carrier-event-id';
import { PostalConfig } from '../config/postal.config';
import { ApplyCarrierUpdateUseCase, ApplyResult } from './apply-carrier-update.use-case';
import { PollStateRepository } from './poll-state.repository';
import { OrderRepository } from './order.repository';

export interface PollOutcome {
  from: Date;
  to: Date;
  orders: number;
  results: Record<ApplyResult, number>;
}

/**
 * Reads the carrier's "orders updated in [from, to)" list page by page (at most 500 a page), fetches
 * the history of each of our orders in it and applies every status change through the same use case
 * as the webhook (same event identity, so changes seen on both paths are recorded once). The window
 * starts `overlap` before the watermark kept in the database and ends `lag` before now; the watermark
 * moves to the window's end only once the whole window has been applied, so a restart or a failed
 * poll reads it again (harmlessly: duplicates are dropped).
 */
@Injectable()
export class TrackingPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TrackingPoller.name);
  private readonly worker: WakeableWorker;
  private warmedUp = false;

  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly pollState: PollStateRepository,
    private readonly apply: ApplyCarrierUpdateUseCase,
    @Inject(CARRIER_ADAPTER) private readonly carrier: CarrierAdapter,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {
    this.worker = new WakeableWorker({
      name: 'Tracking poll',
      runBatch: async () => {
        if (!this.warmedUp) {
          // the first poll waits a moment: in the all-in-one process the carrier (simulator) mounts after us
          this.warmedUp = true;
          return { again: false, waitMs: Math.min(config.vnpostPollIntervalMs, 2000) };
        }
        await this.pollOnce();
        return 0; // one window per interval; a kick polls at once
      },
      idlePollMs: config.vnpostPollIntervalMs,
      maxBackoffMs: Math.max(1000, config.vnpostPollIntervalMs),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.config.vnpostPollEnabled ? this.worker.start() : Promise.resolve();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.worker.stop();
  }

  kick(): void {
    this.worker.kick();
  }

  /** Reads one window completely and moves the watermark to its end. */
  async pollOnce(now = new Date()): Promise<PollOutcome> {
    const carrier = this.carrier.name;
    const to = new Date(now.getTime() - this.config.vnpostPollLagMs);
    const watermark =
      (await this.pollState.watermark(managerOf(this.db), carrier)) ?? new Date(to.getTime() - this.config.vnpostPollInitialLookbackMs);
    const from = new Date(Math.min(watermark.getTime() - this.config.vnpostPollOverlapMs, to.getTime()));
    const results: Record<ApplyResult, number> = { applied: 0, duplicate: 0, stale: 0 };
    let orders = 0;
    for (let page = 1, totalPages = 1; page <= totalPages; page++) {
      const listed = await this.carrier.listUpdates(from, to, page, this.config.vnpostPollPageSize);
      totalPages = listed.totalPages;
      const ours = await this.orders.knownTrackingNumbers(managerOf(this.db), listed.itemCodes);
      for (const itemCode of listed.itemCodes.filter((c) => ours.has(c))) {
        orders += 1;
        for (const h of await this.carrier.history(itemCode)) {
          const result = await this.apply
            .execute({
              eventId: carrierEventId(itemCode, h.statusCode, h.time, h.note),
              itemCode,
              statusCode: h.statusCode,
              time: h.time,
              note: h.note,
            })
            .catch((err: unknown) => {
              if (err instanceof DomainError && err.code === 'POSTAL.ORDER_NOT_FOUND') return 'stale' as const;
              throw err;
            });
          results[result] += 1;
        }
      }
    }
    // never move backwards (a clock step back, or a replica that polled further)
    if (to.getTime() > watermark.getTime()) await this.pollState.advance(managerOf(this.db), carrier, to);
    if (results.applied > 0)
      this.logger.log(
        `Polled ${carrier} [${from.toISOString()}, ${to.toISOString()}): ${orders} orders, ${results.applied} updates applied`,
      );
    return { from, to, orders, results };
  }
}
