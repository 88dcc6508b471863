import { Prng, seedFrom, silentLogger, type SimLogger, toVietnamIso } from '@motcua/sim-common';
import {
  computeVnpostFee,
  s10ItemCode,
  validateCreateOrder,
  type CreateVnpostOrderRequest,
  type FieldError,
  type VnpostAddonService,
} from './order-request';
import { CANCELLABLE_STATUSES, FINAL_STATUSES, isVnpostStatusCode, vnpostStatusName, type VnpostStatusCode } from './status';
import { WebhookDispatcher, type WebhookAttempt, type WebhookSettings } from './webhook-dispatcher';

/** Settings that `POST /__sim/config` may change at run time. */
export interface VnpostSimConfig extends WebhookSettings {
  /** Move orders along by themselves (false: only `/__sim/orders/{itemCode}/advance` moves them). */
  autoAdvance: boolean;
  /** Delay between two automatic status changes. */
  stepDelayMs: number;
  /** Probability that a delivery attempt (status 12) fails (status 15). */
  deliveryFailureRate: number;
  /** Delivery attempts before the parcel goes back to the sender (16 → 17 → 18 → 19). */
  maxDeliveryAttempts: number;
}

export interface VnpostEngineOptions extends Partial<VnpostSimConfig> {
  /** Seed of every random decision (default 1). */
  seed?: number;
  /** Clock in unix ms (default Date.now); inject one for deterministic times. */
  now?: () => number;
  logger?: SimLogger;
  /** Two-letter prefix of allocated tracking numbers (default `EB`). */
  itemCodePrefix?: string;
}

export interface VnpostHistoryEntry {
  statusCode: VnpostStatusCode;
  statusName: string;
  /** ISO-8601 with +07:00. */
  time: string;
  postOfficeCode: string;
  note: string;
}

/** An order as the API shows it. */
export interface VnpostOrder extends Omit<CreateVnpostOrderRequest, 'codAmount' | 'addonServices' | 'itemCode' | 'serviceCode'> {
  orderId: string;
  itemCode: string;
  serviceCode: string;
  codAmount: number;
  addonServices: VnpostAddonService[];
  totalFee: number;
  statusCode: VnpostStatusCode;
  statusName: string;
  deliveryAttempts: number;
  createdAt: string;
  updatedAt: string;
}

export type VnpostSimErrorCode =
  'VALIDATION_FAILED' | 'DUPLICATE_ORDER_NUMBER' | 'DUPLICATE_ITEM_CODE' | 'ORDER_NOT_FOUND' | 'ORDER_NOT_CANCELLABLE' | 'INVALID_STATUS';

const HTTP_STATUS: Record<VnpostSimErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_STATUS: 400,
  ORDER_NOT_FOUND: 404,
  DUPLICATE_ORDER_NUMBER: 409,
  DUPLICATE_ITEM_CODE: 409,
  ORDER_NOT_CANCELLABLE: 409,
};

export class VnpostSimError extends Error {
  readonly httpStatus: number;
  constructor(
    readonly code: VnpostSimErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.httpStatus = HTTP_STATUS[code];
  }
}

interface OrderRecord {
  order: VnpostOrder;
  history: Array<VnpostHistoryEntry & { timeMs: number }>;
  rng: Prng;
  timer?: NodeJS.Timeout;
}

export interface VnpostUpdatesPage {
  items: VnpostOrder[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}

export const VNPOST_MAX_PAGE_SIZE = 500;

const DEFAULT_CONFIG: VnpostSimConfig = {
  autoAdvance: true,
  stepDelayMs: 1000,
  deliveryFailureRate: 0,
  maxDeliveryAttempts: 3,
  duplicateRate: 0,
  reorderRate: 0,
  reorderMaxHoldMs: 2000,
  webhookMaxAttempts: 5,
  webhookRetryBaseMs: 200,
  webhookTimeoutMs: 5000,
};

const DELIVERY_FAILURE_NOTES = ['Người nhận vắng nhà', 'Không liên lạc được với người nhận', 'Người nhận hẹn phát lại'];

/** Orders store and status progression (in memory). */
export class VnpostEngine {
  readonly seed: number;
  private config: VnpostSimConfig;
  private readonly now: () => number;
  private readonly logger: SimLogger;
  private readonly prefix: string;
  private readonly orders = new Map<string, OrderRecord>();
  private readonly webhooks: WebhookDispatcher;
  private serial = 0;
  private closed = false;
  /** Delivery attempts still to fail per order number (`failDeliveries`), whatever `deliveryFailureRate` says. */
  private readonly forcedFailures = new Map<string, number>();

  constructor(options: VnpostEngineOptions = {}) {
    const { seed, now, logger, itemCodePrefix, ...config } = options;
    this.seed = seed ?? 1;
    this.now = now ?? Date.now;
    this.logger = logger ?? silentLogger;
    this.prefix = itemCodePrefix ?? 'EB';
    this.config = { ...DEFAULT_CONFIG, ...stripUndefined(config) };
    this.webhooks = new WebhookDispatcher(() => this.config, this.seed, this.now, this.logger);
  }

  getConfig(): VnpostSimConfig {
    return { ...this.config };
  }

  /** Changes settings; pending automatic steps are rescheduled with the new delay. */
  configure(patch: Partial<VnpostSimConfig>): VnpostSimConfig {
    this.config = { ...this.config, ...stripUndefined(patch) };
    for (const record of this.orders.values()) this.schedule(record);
    return this.getConfig();
  }

  createOrder(body: unknown): VnpostOrder {
    const checked = validateCreateOrder(body);
    if (!checked.ok) throw validationError(checked.errors);
    const { request, codAmount } = checked;
    const active = [...this.orders.values()].find(
      (r) => r.order.orderNumber === request.orderNumber && !FINAL_STATUSES.has(r.order.statusCode),
    );
    if (active) {
      throw new VnpostSimError('DUPLICATE_ORDER_NUMBER', `Mã đơn hàng ${request.orderNumber} đã tồn tại`, {
        existing: summary(active.order),
      });
    }
    if (request.itemCode !== undefined && this.orders.has(request.itemCode)) {
      throw new VnpostSimError('DUPLICATE_ITEM_CODE', `Số hiệu bưu gửi ${request.itemCode} đã được sử dụng`, {
        existing: summary(this.orders.get(request.itemCode)!.order),
      });
    }
    const itemCode = request.itemCode ?? this.allocateItemCode();
    this.serial++;
    const nowMs = this.now();
    const order: VnpostOrder = {
      ...pickRequestFields(request),
      orderId: `VNP${String(this.serial).padStart(9, '0')}`,
      itemCode,
      serviceCode: request.serviceCode ?? 'EMS',
      codAmount,
      addonServices: request.addonServices ?? [],
      totalFee: computeVnpostFee({ ...request, codAmount }),
      statusCode: 1,
      statusName: vnpostStatusName(1),
      deliveryAttempts: 0,
      createdAt: toVietnamIso(nowMs),
      updatedAt: toVietnamIso(nowMs),
    };
    const record: OrderRecord = { order, history: [], rng: new Prng(seedFrom(this.seed, 'order', itemCode)) };
    this.orders.set(itemCode, record);
    this.logger.log(`vnpost-sim: order ${order.orderNumber} created as ${itemCode}`);
    this.transition(record, 1, 'Đơn hàng đã được tạo trên hệ thống');
    return { ...order };
  }

  getOrder(itemCode: string): VnpostOrder {
    return { ...this.record(itemCode).order };
  }

  getHistory(itemCode: string): VnpostHistoryEntry[] {
    return this.record(itemCode).history.map(({ timeMs: _ignored, ...entry }) => entry);
  }

  listOrders(): VnpostOrder[] {
    return [...this.orders.values()].map((r) => ({ ...r.order }));
  }

  /** Cancels before pickup; cancelling an already cancelled order answers it unchanged. */
  cancelOrder(itemCode: string, note = 'Khách hàng yêu cầu hủy'): VnpostOrder {
    const record = this.record(itemCode);
    if (record.order.statusCode === 9) return { ...record.order };
    if (!CANCELLABLE_STATUSES.has(record.order.statusCode)) {
      throw new VnpostSimError('ORDER_NOT_CANCELLABLE', 'Bưu gửi đã được thu gom, không thể hủy', {
        itemCode,
        statusCode: record.order.statusCode,
        statusName: record.order.statusName,
      });
    }
    this.transition(record, 9, note);
    return { ...record.order };
  }

  /**
   * Moves an order to `statusCode` (any status, for tests), or without one to the next status of the
   * happy path. Automatic progression, if on, continues from there.
   */
  advance(itemCode: string, statusCode?: unknown, note?: string): VnpostOrder {
    const record = this.record(itemCode);
    let target: VnpostStatusCode | null;
    if (statusCode === undefined || statusCode === null) {
      target = this.nextStatus(record, false);
      if (target === null) {
        throw new VnpostSimError('INVALID_STATUS', `Đơn hàng đang ở trạng thái cuối (${record.order.statusCode})`, {
          statusCode: record.order.statusCode,
        });
      }
    } else if (isVnpostStatusCode(statusCode)) {
      target = statusCode;
    } else {
      throw new VnpostSimError('INVALID_STATUS', `Mã trạng thái không hợp lệ: ${String(statusCode)}`, { statusCode });
    }
    this.transition(record, target, note);
    return { ...record.order };
  }

  /** Orders with at least one status change in [from, to), by time of their last change in the window. */
  listUpdates(fromMs: number, toMs: number, page: number, pageSize: number): VnpostUpdatesPage {
    const matches: Array<{ order: VnpostOrder; lastMs: number }> = [];
    for (const record of this.orders.values()) {
      const inWindow = record.history.filter((h) => h.timeMs >= fromMs && h.timeMs < toMs);
      if (inWindow.length > 0) matches.push({ order: record.order, lastMs: inWindow[inWindow.length - 1].timeMs });
    }
    matches.sort((a, b) => a.lastMs - b.lastMs || a.order.itemCode.localeCompare(b.order.itemCode));
    const start = (page - 1) * pageSize;
    return {
      items: matches.slice(start, start + pageSize).map((m) => ({ ...m.order })),
      page,
      pageSize,
      totalItems: matches.length,
      totalPages: Math.ceil(matches.length / pageSize),
    };
  }

  /**
   * The next `attempts` automatic delivery attempts of the order with this order number (existing, or
   * created later) fail (15), whatever `deliveryFailureRate` says; 0 clears. With `maxDeliveryAttempts`
   * or more, the parcel goes back to the sender (16 → 17 → 18 → 19).
   */
  failDeliveries(orderNumber: string, attempts: number): void {
    if (attempts > 0) this.forcedFailures.set(orderNumber, attempts);
    else this.forcedFailures.delete(orderNumber);
  }

  /** Webhook HTTP attempts so far (newest last). */
  webhookAttempts(): WebhookAttempt[] {
    return [...this.webhooks.attempts];
  }

  /** Resolves once no webhook is queued, held back or in flight. */
  whenWebhooksIdle(): Promise<void> {
    return this.webhooks.whenIdle();
  }

  /** Forgets every order and pending webhook; tracking numbers are allocated from the start again. */
  reset(): void {
    for (const record of this.orders.values()) clearTimeout(record.timer);
    this.orders.clear();
    this.forcedFailures.clear();
    this.serial = 0;
    this.webhooks.reset();
  }

  close(): void {
    this.closed = true;
    for (const record of this.orders.values()) clearTimeout(record.timer);
    this.webhooks.close();
  }

  private record(itemCode: string): OrderRecord {
    const record = this.orders.get(itemCode);
    if (!record) throw new VnpostSimError('ORDER_NOT_FOUND', `Không tìm thấy bưu gửi ${itemCode}`, { itemCode });
    return record;
  }

  private allocateItemCode(): string {
    let serial = this.serial;
    let code: string;
    do {
      serial++;
      code = s10ItemCode(this.prefix, 10_000_000 + serial);
    } while (this.orders.has(code));
    return code;
  }

  private transition(record: OrderRecord, statusCode: VnpostStatusCode, note?: string): void {
    const { order } = record;
    const nowMs = this.now();
    if (statusCode === 12) order.deliveryAttempts++;
    order.statusCode = statusCode;
    order.statusName = vnpostStatusName(statusCode);
    order.updatedAt = toVietnamIso(nowMs);
    const entry = {
      statusCode,
      statusName: order.statusName,
      time: order.updatedAt,
      timeMs: nowMs,
      postOfficeCode: this.postOffice(order, statusCode),
      note: note ?? defaultNote(statusCode, order),
    };
    record.history.push(entry);
    this.webhooks.emit({
      eventId: `${order.itemCode}-${String(record.history.length).padStart(3, '0')}`,
      itemCode: order.itemCode,
      orderNumber: order.orderNumber,
      statusCode,
      statusName: entry.statusName,
      time: entry.time,
      note: entry.note,
    });
    this.schedule(record);
  }

  private schedule(record: OrderRecord): void {
    clearTimeout(record.timer);
    record.timer = undefined;
    if (this.closed || !this.config.autoAdvance || this.nextStatus(record, true, true) === null) return;
    record.timer = setTimeout(
      () => {
        record.timer = undefined;
        if (!this.orders.has(record.order.itemCode)) return;
        const next = this.nextStatus(record, true);
        if (next === null) return;
        const failed = next === 15;
        this.transition(
          record,
          next,
          failed ? DELIVERY_FAILURE_NOTES[Math.floor(record.rng.next() * DELIVERY_FAILURE_NOTES.length)] : undefined,
        );
      },
      Math.max(0, this.config.stepDelayMs),
    );
    record.timer.unref();
  }

  /**
   * Next status on the path 1 → 2 → 6 → 7 → 10 → 11 → 12 → 14 (→ 21 with COD); a delivery attempt
   * fails with `deliveryFailureRate` (15, then 12 again, up to `maxDeliveryAttempts`, then
   * 16 → 17 → 18 → 19). `peek` answers whether there is a next step without drawing.
   */
  private nextStatus(record: OrderRecord, random: boolean, peek = false): VnpostStatusCode | null {
    const { order } = record;
    switch (order.statusCode) {
      case 1:
        return 2;
      case 2:
      case 4:
        return 6;
      case 6:
        return 7;
      case 7:
        return 10;
      case 10:
        return 11;
      case 11:
        return 12;
      case 12:
        if (peek) return 14;
        if (random && this.takeForcedFailure(order.orderNumber)) return 15;
        return random && record.rng.chance(this.config.deliveryFailureRate) ? 15 : 14;
      case 15:
        return order.deliveryAttempts < this.config.maxDeliveryAttempts ? 12 : 16;
      case 14:
        return order.codAmount > 0 ? 21 : null;
      case 16:
        return 17;
      case 17:
        return 18;
      case 18:
        return 19;
      default:
        return null; // 0 draft, 5/8 pickup failed, 9, 19, 21, 22: nothing happens by itself
    }
  }

  private takeForcedFailure(orderNumber: string): boolean {
    const left = this.forcedFailures.get(orderNumber) ?? 0;
    if (left <= 0) return false;
    this.failDeliveries(orderNumber, left - 1);
    return true;
  }

  private postOffice(order: VnpostOrder, statusCode: VnpostStatusCode): string {
    const origin = `${order.senderProvinceCode}0100`;
    const destination = `${order.receiverProvinceCode}0100`;
    if (statusCode === 10) return `${order.senderProvinceCode}9900`; // khai thác (sorting centre)
    if ([11, 12, 14, 15, 16, 17, 18, 21, 22].includes(statusCode)) return destination;
    return origin;
  }
}

function defaultNote(statusCode: VnpostStatusCode, order: VnpostOrder): string {
  switch (statusCode) {
    case 12:
      return `Phát lần ${order.deliveryAttempts}`;
    case 14:
      return `Người nhận: ${order.receiverName}`;
    case 21:
      return `Đã trả ${order.codAmount.toLocaleString('vi-VN')} đồng cho người gửi`;
    default:
      return '';
  }
}

function summary(order: VnpostOrder): Pick<VnpostOrder, 'orderId' | 'itemCode' | 'orderNumber' | 'statusCode'> {
  return { orderId: order.orderId, itemCode: order.itemCode, orderNumber: order.orderNumber, statusCode: order.statusCode };
}

function validationError(errors: FieldError[]): VnpostSimError {
  return new VnpostSimError('VALIDATION_FAILED', `Dữ liệu không hợp lệ: ${errors.map((e) => e.field).join(', ')}`, {
    fields: errors,
  });
}

const REQUEST_FIELDS = [
  'orderNumber',
  'senderName',
  'senderPhone',
  'senderAddress',
  'senderProvinceCode',
  'senderCommuneCode',
  'senderDistrictCode',
  'receiverName',
  'receiverPhone',
  'receiverAddress',
  'receiverProvinceCode',
  'receiverCommuneCode',
  'receiverDistrictCode',
  'weight',
  'description',
] as const;

function pickRequestFields(
  request: CreateVnpostOrderRequest,
): Omit<CreateVnpostOrderRequest, 'codAmount' | 'addonServices' | 'itemCode' | 'serviceCode'> {
  const picked: Record<string, unknown> = {};
  for (const field of REQUEST_FIELDS) if (request[field] !== undefined) picked[field] = request[field];
  return picked as unknown as Omit<CreateVnpostOrderRequest, 'codAmount' | 'addonServices' | 'itemCode' | 'serviceCode'>;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
