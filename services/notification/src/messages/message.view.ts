import { toLocalIso } from '@motcua/calendar';
import { maskDigits } from '@motcua/platform';
import { Message } from './message.entity';

/** Staff view of a message: the phone is masked, the text is what the citizen received. */
export function messageView(msg: Message) {
  return {
    id: msg.id,
    template: msg.template,
    channel: msg.channel,
    recipient: maskDigits(msg.recipient),
    status: msg.status,
    text: msg.text,
    attempts: msg.attempts,
    lastError: msg.lastError,
    gatewayMessageId: msg.gatewayMessageId,
    createdAt: toLocalIso(msg.createdAt),
    sentAt: msg.sentAt ? toLocalIso(msg.sentAt) : null,
    failedAt: msg.failedAt ? toLocalIso(msg.failedAt) : null,
    nextAttemptAt: msg.status === 'PENDING' ? toLocalIso(msg.nextAttemptAt) : null,
  };
}
