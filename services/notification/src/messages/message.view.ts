import { toLocalIso } from '@motcua/calendar';
import { maskAddress } from './mask-address';
import { Message } from './message.entity';

/** Staff view of a message: the phone (or e-mail address) is masked, the text is what the citizen received. */
export function messageView(msg: Message) {
  return {
    id: msg.id,
    template: msg.template,
    messageKey: msg.messageKey,
    pickupId: msg.pickupId,
    channel: msg.channel,
    recipient: maskAddress(msg.recipient),
    status: msg.status,
    subject: msg.subject,
    text: msg.text,
    templateKey: msg.templateKey,
    templateVersion: msg.templateVersion,
    encoding: msg.encoding,
    segments: msg.segments,
    fallbackOf: msg.fallbackOf,
    urgent: msg.urgent,
    attempts: msg.attempts,
    lastError: msg.lastError,
    gatewayMessageId: msg.gatewayMessageId,
    deliveryStatus: msg.deliveryStatus,
    deliveryDetail: msg.deliveryDetail,
    deliveryReportedAt: msg.deliveryReportedAt ? toLocalIso(msg.deliveryReportedAt) : null,
    receipts: msg.receipts,
    createdAt: toLocalIso(msg.createdAt),
    sentAt: msg.sentAt ? toLocalIso(msg.sentAt) : null,
    failedAt: msg.failedAt ? toLocalIso(msg.failedAt) : null,
    nextAttemptAt: msg.status === 'PENDING' ? toLocalIso(msg.nextAttemptAt) : null,
  };
}
