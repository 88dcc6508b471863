export { createVnpostSimulator, startVnpostSimulator } from './vnpost-simulator';
export type { VnpostSimulator, VnpostSimulatorOptions, RunningVnpostSimulator } from './vnpost-simulator';
export { VnpostEngine, VnpostSimError, VNPOST_MAX_PAGE_SIZE } from './vnpost-engine';
export type {
  VnpostEngineOptions,
  VnpostSimConfig,
  VnpostOrder,
  VnpostHistoryEntry,
  VnpostUpdatesPage,
  VnpostSimErrorCode,
} from './vnpost-engine';
export type { VnpostWebhookEvent, WebhookAttempt } from './webhook-dispatcher';
export {
  signVnpostWebhook,
  verifyVnpostWebhook,
  checkVnpostWebhook,
  VNPOST_WEBHOOK_SIGNATURE_HEADER,
  VNPOST_WEBHOOK_TIMESTAMP_HEADER,
} from './webhook-signature';
export type { VnpostWebhookHeaders, VnpostWebhookVerdict } from './webhook-signature';
export { VNPOST_STATUS, VNPOST_STATUS_NAMES, vnpostStatusName, isVnpostStatusCode, CANCELLABLE_STATUSES, FINAL_STATUSES } from './status';
export type { VnpostStatusCode } from './status';
export { computeVnpostFee, validateCreateOrder, s10ItemCode, s10CheckDigit, COD_SERVICE_CODE, COD_AMOUNT_PROP } from './order-request';
export type { CreateVnpostOrderRequest, VnpostAddonService, VnpostAddonProperty, FieldError } from './order-request';
export type { SimLogger } from '@motcua/sim-common';
export { toVietnamIso } from '@motcua/sim-common';
