import { DataSource } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';
import { runInTransaction, runWithEnvelope } from './transaction-context';

/**
 * Runs `fn` at most once per (consumer, message id): records the message in `inbox_message` and
 * runs `fn` in one transaction that `fn`'s own database work joins (through `runInTransaction`).
 * A duplicate delivery finds the row and is skipped; if `fn` throws, everything — the inbox row
 * included — rolls back and the error propagates, so the bus retries the message.
 * A concurrent duplicate waits on the row lock of the first delivery, then is skipped.
 */
export function handleOnce(
  dataSource: DataSource,
  consumer: string,
  envelope: EventEnvelope,
  fn: () => Promise<void>,
): Promise<'processed' | 'duplicate'> {
  return runWithEnvelope(envelope, () =>
    runInTransaction(dataSource, async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO "inbox_message" ("consumer", "message_id", "message_type") VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING "message_id"`,
        [consumer, envelope.id, envelope.type],
      )) as unknown[];
      if (inserted.length === 0) return 'duplicate' as const;
      await fn();
      return 'processed' as const;
    }),
  );
}
