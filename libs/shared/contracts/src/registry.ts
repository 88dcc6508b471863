import { DOSSIER_RECEIVED, DossierReceivedV1 } from './events/dossier-received.v1';
import { DOSSIER_RESOLVED, DossierResolvedV1 } from './events/dossier-resolved.v1';
import { DOSSIER_RESULT_RETURNED, DossierResultReturnedV1 } from './events/dossier-result-returned.v1';
import { NOTIFICATION_SENT, NotificationSentV1 } from './events/notification-sent.v1';
import { POSTAL_DELIVERY_CREATED, PostalDeliveryCreatedV1 } from './events/postal-delivery-created.v1';
import { POSTAL_DELIVERY_DELIVERED, PostalDeliveryDeliveredV1 } from './events/postal-delivery-delivered.v1';
import { PROCESSING_STEP_STARTED, ProcessingStepStartedV1 } from './events/processing-step-started.v1';

export type ServiceName = 'intake' | 'routing' | 'postal-delivery' | 'notification' | 'reporting';

export interface EventContract {
  type: string;
  version: number;
  schema: new () => object;
  publisher: ServiceName;
  summary: string;
}

/**
 * Every event type and version the platform knows. Versioning rule: a change that a consumer of
 * the previous version could not read is a new version (a new class `…V2`, same type); both
 * versions stay registered and are published side by side until no consumer needs the old one.
 */
export const EVENT_CONTRACTS: readonly EventContract[] = [
  {
    type: DOSSIER_RECEIVED,
    version: 1,
    schema: DossierReceivedV1,
    publisher: 'intake',
    summary: 'A complete dossier was received (form 01 issued).',
  },
  {
    type: PROCESSING_STEP_STARTED,
    version: 1,
    schema: ProcessingStepStartedV1,
    publisher: 'routing',
    summary: 'A processing step was opened at an agency.',
  },
  {
    type: DOSSIER_RESOLVED,
    version: 1,
    schema: DossierResolvedV1,
    publisher: 'routing',
    summary: 'Processing finished with a result (status 9).',
  },
  {
    type: POSTAL_DELIVERY_CREATED,
    version: 1,
    schema: PostalDeliveryCreatedV1,
    publisher: 'postal-delivery',
    summary: 'A result-delivery order was accepted by the carrier.',
  },
  {
    type: POSTAL_DELIVERY_DELIVERED,
    version: 1,
    schema: PostalDeliveryDeliveredV1,
    publisher: 'postal-delivery',
    summary: 'The carrier delivered the result.',
  },
  {
    type: DOSSIER_RESULT_RETURNED,
    version: 1,
    schema: DossierResultReturnedV1,
    publisher: 'intake',
    summary: 'The result reached the citizen (status 10).',
  },
  {
    type: NOTIFICATION_SENT,
    version: 1,
    schema: NotificationSentV1,
    publisher: 'notification',
    summary: 'A message was accepted by a gateway.',
  },
];

export function findContract(type: string, version: number): EventContract | undefined {
  return EVENT_CONTRACTS.find((c) => c.type === type && c.version === version);
}
