/** Our delivery state machine, normalised from carrier codes. */
export const DELIVERY_STATES = {
  PENDING: 0, // created here, not yet accepted by the carrier
  CREATED: 1,
  PICKED_UP: 2,
  IN_TRANSIT: 3,
  OUT_FOR_DELIVERY: 4,
  DELIVERY_FAILED: 4, // same rank: a re-attempt may follow
  RETURNING: 5,
  DELIVERED: 6,
  RETURNED: 6,
  CANCELLED: 6,
} as const;
export type DeliveryState = keyof typeof DELIVERY_STATES;

/** VNPost status codes (DOMAIN.md §5) → our states. Unknown codes are kept in the timeline only. */
export const VNPOST_STATUS: Record<number, { state: DeliveryState; label: string }> = {
  0: { state: 'PENDING', label: 'Đơn nháp' },
  1: { state: 'CREATED', label: 'Đã tạo đơn' },
  2: { state: 'CREATED', label: 'Bưu tá đã nhận lệnh thu gom' },
  4: { state: 'CREATED', label: 'Đang thu gom' },
  5: { state: 'CREATED', label: 'Thu gom không thành công' },
  6: { state: 'PICKED_UP', label: 'Đã thu gom' },
  7: { state: 'PICKED_UP', label: 'Đã nhận tại bưu cục' },
  8: { state: 'CREATED', label: 'Thu gom không thành công' },
  9: { state: 'CANCELLED', label: 'Hủy thu gom' },
  10: { state: 'IN_TRANSIT', label: 'Đang vận chuyển' },
  11: { state: 'IN_TRANSIT', label: 'Đến bưu cục phát' },
  12: { state: 'OUT_FOR_DELIVERY', label: 'Đang phát' },
  14: { state: 'DELIVERED', label: 'Phát thành công' },
  15: { state: 'DELIVERY_FAILED', label: 'Phát không thành công' },
  16: { state: 'RETURNING', label: 'Chờ chuyển hoàn' },
  17: { state: 'RETURNING', label: 'Đã duyệt chuyển hoàn' },
  18: { state: 'RETURNING', label: 'Đang chuyển hoàn' },
  19: { state: 'RETURNED', label: 'Đã chuyển hoàn về trung tâm' },
  21: { state: 'DELIVERED', label: 'Đã trả tiền thu hộ (COD)' },
  22: { state: 'CANCELLED', label: 'Hủy phát' },
};

/**
 * Whether an update moves the order: a later state never gives way to an earlier one (a late "in
 * transit" never undoes "delivered"). Within one rank (12 ↔ 15 while re-attempting, 16 → 17 → 18
 * while returning, 14 → 21) only a newer carrier time moves it, so a reordered older update changes
 * nothing; one final state never replaces another.
 */
export function shouldApply(current: DeliveryState, next: DeliveryState, lastEventAt?: Date | null, at?: Date): boolean {
  const rank = DELIVERY_STATES[next] - DELIVERY_STATES[current];
  if (rank !== 0) return rank > 0;
  const attempts: DeliveryState[] = ['OUT_FOR_DELIVERY', 'DELIVERY_FAILED'];
  const sameLeg = next === current || (attempts.includes(next) && attempts.includes(current));
  return sameLeg && (!lastEventAt || !at || at.getTime() > lastEventAt.getTime());
}
