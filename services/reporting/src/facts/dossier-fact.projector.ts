import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DossierReceivedV1,
  DossierResolvedV1,
  DossierResultReturnedV1,
  EventEnvelope,
  NOTIFICATION_SENT,
  NotificationSentV1,
  POSTAL_DELIVERY_CREATED,
  POSTAL_DELIVERY_DELIVERED,
  PostalDeliveryCreatedV1,
  PostalDeliveryDeliveredV1,
  DOSSIER_EVALUATED,
  DOSSIER_WITHDRAWN,
  DossierEvaluatedV1,
  DossierWithdrawnV1,
  NOTIFICATION_DELIVERY_FAILED,
  NotificationDeliveryFailedV1,
  PROCESSING_EXTENDED,
  PROCESSING_STOPPED,
  ProcessingExtendedV1,
  ProcessingStoppedV1,
  POSTAL_DELIVERY_RETURNED,
  PostalDeliveryReturnedV1,
  PROCESSING_REFUSED,
  PROCESSING_STEP_STARTED,
  PROCESSING_SUPPLEMENT_REQUESTED,
  ProcessingRefusedV1,
  ProcessingSupplementRequestedV1,
  DOSSIER_DOCUMENT_DIGITIZED,
  DossierDocumentDigitizedV1,
} from '@motcua/contracts';
import { DossierFactRepository, ReceivedFacts, ResolvedFacts } from './dossier-fact.repository';

/**
 * Folds one event into `dossier_fact`. Used live (once per new event) and by the rebuild (once per
 * logged event), so both produce the same rows. Unknown types and versions change nothing.
 */
@Injectable()
export class DossierFactProjector {
  private readonly logger = new Logger(DossierFactProjector.name);

  constructor(private readonly facts: DossierFactRepository) {}

  /**
   * Folds a batch of events (in log order): receptions, resolutions and sent messages set-based (one
   * statement each, the batch reduced per dossier to what applying them one by one would leave), the
   * other events one by one. The facts converge whatever the order (see DossierFactRepository), so this
   * equals applying the batch event by event.
   */
  async applyMany(m: EntityManager, events: Array<EventEnvelope<object>>): Promise<void> {
    const received = new Map<string, ReceivedFacts & { code: string }>();
    const resolved = new Map<string, ResolvedFacts & { code: string }>();
    const sent = new Map<string, number>();
    const others: Array<EventEnvelope<object>> = [];
    for (const e of events) {
      if (e.version === 1 && e.type === DOSSIER_RECEIVED) {
        const d = e.data as DossierReceivedV1;
        if (!received.has(d.dossierCode)) received.set(d.dossierCode, { code: d.dossierCode, ...receivedFacts(d) });
      } else if (e.version === 1 && e.type === DOSSIER_RESOLVED) {
        const d = e.data as DossierResolvedV1;
        const f = { code: d.dossierCode, ...resolvedFacts(d) };
        const before = resolved.get(d.dossierCode);
        if (!before || f.resolvedAt >= before.resolvedAt) resolved.set(d.dossierCode, f);
      } else if (e.version === 1 && e.type === NOTIFICATION_SENT) {
        const code = (e.data as NotificationSentV1).dossierCode;
        if (code) sent.set(code, (sent.get(code) ?? 0) + 1);
      } else {
        others.push(e);
      }
    }
    await this.facts.applyReceivedMany(m, [...received.values()]);
    await this.facts.applyResolvedMany(m, [...resolved.values()]);
    await this.facts.countMessagesSentMany(m, sent);
    for (const e of others) await this.apply(m, e);
  }

  async apply(m: EntityManager, e: EventEnvelope<object>): Promise<void> {
    if (e.version !== 1) {
      this.logger.debug(`No projection for ${e.type} v${e.version} (event ${e.id})`);
      return;
    }
    switch (e.type) {
      case DOSSIER_RECEIVED: {
        const d = e.data as DossierReceivedV1;
        return this.facts.applyReceived(m, d.dossierCode, receivedFacts(d));
      }
      case DOSSIER_RESOLVED: {
        const d = e.data as DossierResolvedV1;
        return this.facts.applyResolved(m, d.dossierCode, resolvedFacts(d));
      }
      case DOSSIER_RESULT_RETURNED: {
        const d = e.data as DossierResultReturnedV1;
        return this.facts.applyReturned(m, d.dossierCode, new Date(d.returnedAt), d.method);
      }
      case POSTAL_DELIVERY_DELIVERED: {
        const d = e.data as PostalDeliveryDeliveredV1;
        return this.facts.applyInstant(m, d.dossierCode, 'postal_delivered_at', new Date(d.deliveredAt));
      }
      case NOTIFICATION_SENT: {
        const d = e.data as NotificationSentV1;
        if (d.dossierCode) await this.facts.countMessageSent(m, d.dossierCode);
        return;
      }
      case POSTAL_DELIVERY_CREATED: {
        const d = e.data as PostalDeliveryCreatedV1;
        return this.facts.applyInstant(m, d.dossierCode, 'postal_order_created_at', new Date(d.createdAt), 'earliest');
      }
      case PROCESSING_SUPPLEMENT_REQUESTED: {
        const d = e.data as ProcessingSupplementRequestedV1;
        return this.facts.applySupplementRequested(m, d.dossierCode, d.supplementNumber);
      }
      case PROCESSING_REFUSED: {
        const d = e.data as ProcessingRefusedV1;
        return this.facts.applyInstant(m, d.dossierCode, 'refused_at', new Date(d.refusedAt));
      }
      case POSTAL_DELIVERY_RETURNED: {
        const d = e.data as PostalDeliveryReturnedV1;
        return this.facts.applyInstant(m, d.dossierCode, 'postal_returned_at', new Date(d.returnedAt));
      }
      case PROCESSING_EXTENDED: {
        const d = e.data as ProcessingExtendedV1;
        return this.facts.applyExtended(m, d.dossierCode, new Date(d.newAppointmentAt));
      }
      case PROCESSING_STOPPED: {
        const d = e.data as ProcessingStoppedV1;
        return this.facts.applyInstant(m, d.dossierCode, 'stopped_at', new Date(d.stoppedAt));
      }
      case DOSSIER_WITHDRAWN: {
        const d = e.data as DossierWithdrawnV1;
        return this.facts.applyInstant(m, d.dossierCode, 'withdrawn_at', new Date(d.withdrawnAt));
      }
      case DOSSIER_EVALUATED: {
        const d = e.data as DossierEvaluatedV1;
        return this.facts.applyEvaluated(m, d.dossierCode, d.level, new Date(d.evaluatedAt));
      }
      case NOTIFICATION_DELIVERY_FAILED: {
        // FAILED: never sent (no notification.sent); PERMANENT_FAILURE: sent, then reported undeliverable
        const d = e.data as NotificationDeliveryFailedV1;
        if (d.dossierCode) {
          await this.facts.increment(m, d.dossierCode, d.kind === 'FAILED' ? 'messages_failed_sending' : 'messages_failed_delivery');
        }
        return;
      }
      case DOSSIER_DOCUMENT_DIGITIZED: {
        const d = e.data as DossierDocumentDigitizedV1;
        return this.facts.applyDigitized(m, d.dossierCode, d);
      }
      case PROCESSING_STEP_STARTED:
        return this.facts.touch(m, (e.data as { dossierCode: string }).dossierCode);
      default:
        // kept in event_log all the same: a projection added later rebuilds from it
        this.logger.debug(`No projection for ${e.type} (event ${e.id})`);
    }
  }
}

function receivedFacts(d: DossierReceivedV1): ReceivedFacts {
  return {
    procedureCode: d.procedureCode,
    receivingAgencyCode: d.receivingAgencyCode,
    competentAgencyCode: d.competentAgencyCode,
    channel: d.channel,
    resultDelivery: d.resultDelivery,
    receivedAt: new Date(d.receivedAt),
    appointmentAt: new Date(d.appointmentAt),
  };
}

function resolvedFacts(d: DossierResolvedV1): ResolvedFacts {
  return {
    resolvedAt: new Date(d.resolvedAt),
    timeliness: d.timeliness,
    resolvingAgencyCode: d.resolvingAgencyCode,
    appointmentAt: new Date(d.appointmentAt),
  };
}
