/**
 * Internal dossier statuses and their national portal codes (TrangThaiHoSo, DOMAIN.md §3).
 * Every internal status maps to exactly one national code.
 */
export const DOSSIER_STATUSES = {
  RECEIVED: { national: 2, label: 'Đã tiếp nhận', rank: 1 },
  IN_PROCESS: { national: 4, label: 'Đang xử lý', rank: 2 },
  RESOLVED: { national: 9, label: 'Đã có kết quả', rank: 3 },
  RETURNED: { national: 10, label: 'Đã trả kết quả', rank: 4 },
} as const;
export type DossierStatus = keyof typeof DOSSIER_STATUSES;

export const NATIONAL_STATUS_LABELS: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Đã tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** Statuses only move forward: a late or duplicated event never undoes a later one. */
export function canMove(from: DossierStatus, to: DossierStatus): boolean {
  return DOSSIER_STATUSES[to].rank > DOSSIER_STATUSES[from].rank;
}
