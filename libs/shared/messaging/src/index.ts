export * from './bus';
export { DEFAULT_PREFETCH, DEFAULT_RETRY_DELAYS_MS } from './internal';
export * from './rabbitmq-bus';
export * from './in-process-bus';
export * from './transaction-context';
export * from './outbox-message.entity';
export * from './inbox-message.entity';
export * from './messaging-tables.migration';
export * from './outbox';
export * from './wakeable-worker';
export * from './outbox-relay';
export * from './inbox';
export * from './bus-context';
export * from './bus-transport';

import { InboxMessageEntity } from './inbox-message.entity';
import { MessagingTables1764000000000 } from './messaging-tables.migration';
import { OutboxMessageEntity } from './outbox-message.entity';

/** Add to a service's DataSource: `entities: [...MESSAGING_ENTITIES]`, `migrations: [...MESSAGING_MIGRATIONS]`. */
export const MESSAGING_ENTITIES = [OutboxMessageEntity, InboxMessageEntity];
export const MESSAGING_MIGRATIONS = [MessagingTables1764000000000];
