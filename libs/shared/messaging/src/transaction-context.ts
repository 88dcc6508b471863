import { AsyncLocalStorage } from 'async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';

interface TransactionScope {
  dataSource: DataSource;
  manager: EntityManager;
  /** Run by the transaction's owner once it has committed (`afterCommit`). */
  afterCommit: Array<() => void>;
}

const transactions = new AsyncLocalStorage<TransactionScope>();
const envelopes = new AsyncLocalStorage<EventEnvelope>();

/** Who is changing state in this async context, for the audit trail (see @motcua/platform audit). */
export interface AuditActor {
  /** `user:<sub>` for a staff request, `event:<type>` for an event handler. */
  actor: string;
  correlationId: string | null;
}
const actors = new AsyncLocalStorage<AuditActor>();

/** Runs `fn` with `actor` recorded on every transaction `runInTransaction` opens inside it. */
export function runAsActor<T>(actor: AuditActor, fn: () => T): T {
  return actors.run(actor, fn);
}

export function currentActor(): AuditActor | undefined {
  return actors.getStore();
}

/** Data sources whose database audits no table: recording the actor there is a wasted round trip. */
const withoutAudit = new WeakSet<DataSource>();

/**
 * Declares whether `dataSource`'s database has audited tables (the platform calls it after attaching
 * the audit triggers). When it has none, `runInTransaction` skips the `set_config('motcua.actor', …)`
 * round trip on each transaction it opens there. Default: audited (the actor is recorded).
 */
export function setAuditedDataSource(dataSource: DataSource, audited: boolean): void {
  if (audited) withoutAudit.delete(dataSource);
  else withoutAudit.add(dataSource);
}

function isActive(scope: TransactionScope | undefined): scope is TransactionScope {
  const qr = scope?.manager.queryRunner;
  return !!qr && !qr.isReleased && qr.isTransactionActive;
}

/**
 * Runs `fn` in a transaction on `dataSource`: joins the ambient one if a transaction of the same
 * DataSource is active in this async context, else opens (and commits or rolls back) a new one.
 * Everything `fn` awaits sees it through `currentManager()` — repositories, the outbox, the inbox.
 */
export async function runInTransaction<T>(dataSource: DataSource, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  const scope = transactions.getStore();
  if (isActive(scope) && scope.dataSource === dataSource) return fn(scope.manager);
  const actor = withoutAudit.has(dataSource) ? undefined : actors.getStore();
  const committed: Array<() => void> = [];
  const result = await dataSource.transaction(async (manager) => {
    // transaction-local settings the audit trigger reads (set_config(..., true) ends with the transaction)
    if (actor) {
      await manager.query(`SELECT set_config('motcua.actor', $1, true), set_config('motcua.correlation_id', $2, true)`, [
        actor.actor,
        actor.correlationId ?? '',
      ]);
    }
    return transactions.run({ dataSource, manager, afterCommit: committed }, () => fn(manager));
  });
  for (const callback of committed) callback();
  return result;
}

/**
 * Runs `callback` once the ambient transaction on `dataSource` has committed (never if it rolls back), or at once
 * when none is active — e.g. to wake a worker that must see what the transaction wrote. A joined (nested)
 * `runInTransaction` defers to the outermost, the one that commits. The callback must not throw.
 */
export function afterCommit(dataSource: DataSource, callback: () => void): void {
  const scope = transactions.getStore();
  if (isActive(scope) && scope.dataSource === dataSource) scope.afterCommit.push(callback);
  else callback();
}

/**
 * The EntityManager of the active ambient transaction, if any (optionally only if it belongs to
 * `dataSource`).
 */
export function currentManager(dataSource?: DataSource): EntityManager | undefined {
  const scope = transactions.getStore();
  if (!isActive(scope)) return undefined;
  if (dataSource && scope.dataSource !== dataSource) return undefined;
  return scope.manager;
}

/**
 * The manager to query `dataSource` with here: the ambient transaction's when one is active, else the
 * data source's own. Code that may run inside an event handler must use this rather than
 * `dataSource.manager`: a handler already holds a pooled connection for its transaction, and taking a
 * second one per handler deadlocks the pool once as many handlers run as the pool has connections.
 */
export function managerOf(dataSource: DataSource): EntityManager {
  return currentManager(dataSource) ?? dataSource.manager;
}

/** The message being handled in this async context (for causation ids and logs). */
export function currentEnvelope(): EventEnvelope | undefined {
  return envelopes.getStore();
}

export function runWithEnvelope<T>(envelope: EventEnvelope, fn: () => T): T {
  return envelopes.run(envelope, fn);
}
