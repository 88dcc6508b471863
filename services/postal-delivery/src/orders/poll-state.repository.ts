import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CarrierPollState } from './carrier-poll-state.entity';

@Injectable()
export class PollStateRepository {
  async watermark(m: EntityManager, carrier: string): Promise<Date | null> {
    return (await m.getRepository(CarrierPollState).findOne({ where: { carrier } }))?.watermark ?? null;
  }

  /** Moves the watermark forward (never back, even when two pollers race). */
  async advance(m: EntityManager, carrier: string, watermark: Date): Promise<void> {
    await m.query(
      `INSERT INTO carrier_poll_state (carrier, watermark) VALUES ($1, $2)
       ON CONFLICT (carrier) DO UPDATE SET watermark = GREATEST(carrier_poll_state.watermark, EXCLUDED.watermark), updated_at = now()`,
      [carrier, watermark],
    );
  }
}
