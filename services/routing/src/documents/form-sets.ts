/**
 * The numbering of the forms routing prints, as versioned data (the same sets as intake's
 * `services/intake/src/forms/form-sets.ts`; a service does not import another's code). Circular
 * 01/2018/TT-VPCP has no notice of stopping; the 2025 set reported with Decree 118/2025/NĐ-CP (to verify
 * against the published text) adds it as form 05. A form is chosen by the local date of the act it records.
 */
export type RoutingFormKind = 'APOLOGY' | 'STOP' | 'CONTROL_SLIP';

export interface RoutingForm {
  kind: RoutingFormKind;
  /** Printed as "Mẫu số 05". */
  number: string;
  title: string;
}

export interface RoutingFormSet {
  id: string;
  basis: string;
  /** First local date (YYYY-MM-DD, Asia/Ho_Chi_Minh) on which the set applies. */
  effectiveFrom: string;
  forms: RoutingForm[];
}

export const ROUTING_FORM_SETS: readonly RoutingFormSet[] = [
  {
    id: 'TT01-2018',
    basis: 'Thông tư số 01/2018/TT-VPCP',
    effectiveFrom: '2018-11-23',
    forms: [
      { kind: 'APOLOGY', number: '04', title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' },
      { kind: 'CONTROL_SLIP', number: '05', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
    ],
  },
  {
    id: 'ND118-2025',
    basis: 'Nghị định số 118/2025/NĐ-CP (bộ mẫu được báo cáo, cần đối chiếu văn bản)',
    effectiveFrom: '2025-07-01',
    forms: [
      { kind: 'APOLOGY', number: '04', title: 'Phiếu xin lỗi và xin gia hạn thời gian giải quyết hồ sơ' },
      { kind: 'STOP', number: '05', title: 'Phiếu thông báo dừng xử lý hồ sơ' },
      { kind: 'CONTROL_SLIP', number: '06', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
    ],
  },
];

/** The form of the set in force on a local date (YYYY-MM-DD), or null when that set has none (no number printed). */
export function routingFormOn(
  kind: RoutingFormKind,
  localDate: string,
  sets: readonly RoutingFormSet[] = ROUTING_FORM_SETS,
): RoutingForm | null {
  const inForce = [...sets].filter((s) => s.effectiveFrom <= localDate).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  return inForce[0]?.forms.find((f) => f.kind === kind) ?? null;
}
