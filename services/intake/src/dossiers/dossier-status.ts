/**
 * Internal dossier statuses and their national portal codes (TrangThaiHoSo, DOMAIN.md §3).
 * Every internal status maps to exactly one national code.
 */
export const DOSSIER_STATUSES = {
  RECEIVED: { national: 2, label: 'Đã tiếp nhận' },
  IN_PROCESS: { national: 4, label: 'Đang xử lý' },
  SUPPLEMENT_REQUESTED: { national: 5, label: 'Yêu cầu bổ sung giấy tờ' },
  WITHDRAWN: { national: 7, label: 'Công dân yêu cầu rút hồ sơ' },
  /** An agency refused to resolve an accepted dossier (processing.refused): processing stops. */
  STOPPED: { national: 8, label: 'Dừng xử lý' },
  RESOLVED: { national: 9, label: 'Đã có kết quả' },
  RETURNED: { national: 10, label: 'Đã trả kết quả' },
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

/**
 * Allowed moves, explicitly. Statuses move forward (a late or repeated event never undoes a later one),
 * except that a dossier alternates between IN_PROCESS and SUPPLEMENT_REQUESTED as supplements are asked
 * for and handed in. WITHDRAWN, STOPPED and RETURNED are final. A result may reach RETURNED straight
 * from an earlier status when the delivery report overtakes the resolution.
 */
export const TRANSITIONS: Readonly<Record<DossierStatus, readonly DossierStatus[]>> = {
  RECEIVED: ['IN_PROCESS', 'SUPPLEMENT_REQUESTED', 'WITHDRAWN', 'STOPPED', 'RESOLVED', 'RETURNED'],
  IN_PROCESS: ['SUPPLEMENT_REQUESTED', 'WITHDRAWN', 'STOPPED', 'RESOLVED', 'RETURNED'],
  SUPPLEMENT_REQUESTED: ['IN_PROCESS', 'WITHDRAWN', 'STOPPED', 'RESOLVED', 'RETURNED'],
  WITHDRAWN: [],
  STOPPED: [],
  RESOLVED: ['RETURNED'],
  RETURNED: [],
};

export function canMove(from: DossierStatus, to: DossierStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
