import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { EVENT_CONTRACTS } from '@motcua/contracts';
import { BusContext } from '@motcua/messaging';
import { RecordEventUseCase } from './record-event.use-case';

/** Every event type the platform knows (one binding each), kept in step with the contracts library. */
export const CONSUMED_EVENT_TYPES = [...new Set(EVENT_CONTRACTS.map((c) => c.type))];

/** Reporting listens to everything: each event is logged and projected. */
@Controller()
export class EventLogController {
  constructor(private readonly record: RecordEventUseCase) {}

  @EventPattern(CONSUMED_EVENT_TYPES)
  async onEvent(@Ctx() ctx: BusContext): Promise<void> {
    await this.record.execute(ctx.getEnvelope() as Parameters<RecordEventUseCase['execute']>[0]);
  }
}
