/** MyVNPost order status codes (DOMAIN.md §5) with the Vietnamese names the simulator reports. */
export const VNPOST_STATUS = {
  DRAFT: 0,
  CREATED: 1,
  PICKUP_ACCEPTED: 2,
  PICKING_UP: 4,
  PICKUP_FAILED: 5,
  PICKUP_FAILED_ALT: 8,
  PICKED_UP: 6,
  ACCEPTED_AT_POST_OFFICE: 7,
  PICKUP_CANCELLED: 9,
  IN_TRANSIT: 10,
  AT_DELIVERY_OFFICE: 11,
  OUT_FOR_DELIVERY: 12,
  DELIVERED: 14,
  DELIVERY_FAILED: 15,
  WAITING_FOR_RETURN: 16,
  RETURN_APPROVED: 17,
  RETURN_STARTED: 18,
  RETURNED_TO_SENDER: 19,
  COD_PAID: 21,
  DELIVERY_CANCELLED: 22,
} as const;

export type VnpostStatusCode = (typeof VNPOST_STATUS)[keyof typeof VNPOST_STATUS];

export const VNPOST_STATUS_NAMES: Readonly<Record<VnpostStatusCode, string>> = {
  0: 'Đơn nháp',
  1: 'Đã tạo đơn',
  2: 'Bưu tá đã nhận yêu cầu thu gom',
  4: 'Đang thu gom',
  5: 'Thu gom không thành công',
  6: 'Đã thu gom',
  7: 'Đã nhận tại bưu cục gốc',
  8: 'Thu gom thất bại',
  9: 'Đã hủy thu gom',
  10: 'Đang vận chuyển',
  11: 'Đã đến bưu cục phát',
  12: 'Bưu tá đang đi phát',
  14: 'Phát thành công',
  15: 'Phát không thành công',
  16: 'Chờ chuyển hoàn',
  17: 'Đã duyệt chuyển hoàn',
  18: 'Đang chuyển hoàn',
  19: 'Đã chuyển hoàn cho người gửi',
  21: 'Đã trả tiền thu hộ (COD) cho người gửi',
  22: 'Đã hủy phát',
};

export function isVnpostStatusCode(value: unknown): value is VnpostStatusCode {
  return typeof value === 'number' && Object.prototype.hasOwnProperty.call(VNPOST_STATUS_NAMES, value);
}

export function vnpostStatusName(code: VnpostStatusCode): string {
  return VNPOST_STATUS_NAMES[code];
}

/** Statuses in which the order can still be cancelled (before the parcel is picked up). */
export const CANCELLABLE_STATUSES: ReadonlySet<VnpostStatusCode> = new Set<VnpostStatusCode>([0, 1, 2, 4, 5, 8]);

/**
 * Statuses after which an order no longer blocks its order number: cancelled, delivered, COD paid,
 * returned. (A dossier may legitimately travel twice under the same code: dossier in, result out.)
 */
export const FINAL_STATUSES: ReadonlySet<VnpostStatusCode> = new Set<VnpostStatusCode>([9, 14, 19, 21, 22]);
