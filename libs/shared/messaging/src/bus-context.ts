import { BaseRpcContext } from '@nestjs/microservices';
import { EventEnvelope } from '@motcua/contracts';
import { DeliveryInfo } from './bus';

/** What `@Ctx()` gives a handler running on the BusTransport. */
export class BusContext extends BaseRpcContext<[EventEnvelope, DeliveryInfo]> {
  /** The validated envelope (its `data` is the contract class instance passed as `@Payload()`). */
  getEnvelope(): EventEnvelope {
    return this.args[0];
  }

  /** 0 on first delivery, n on the n-th retry. */
  getAttempt(): number {
    return this.args[1].attempt;
  }

  getDeliveryInfo(): DeliveryInfo {
    return this.args[1];
  }
}

/** What `@Ctx()` gives a batch handler (`@EventPattern(types, { batch })`, see `BatchOptions`). */
export class BatchContext extends BaseRpcContext<[EventEnvelope[], DeliveryInfo[]]> {
  /** The validated envelopes of the batch, in arrival order (also the handler's `@Payload()`). */
  getEnvelopes(): EventEnvelope[] {
    return this.args[0];
  }

  /** The delivery information of each envelope, index for index. */
  getDeliveryInfos(): DeliveryInfo[] {
    return this.args[1];
  }
}
