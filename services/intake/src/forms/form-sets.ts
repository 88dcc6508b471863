/**
 * Standard forms (biểu mẫu) as versioned data. Circular 01/2018/TT-VPCP numbers three intake forms; a 2025
 * set reported with Decree 118/2025/NĐ-CP (to verify against the published text) renumbers and adds four.
 * A form is chosen by the dossier's received date (or, for a completeness check, the date it was made).
 */
export type FormKind = 'RECEIPT' | 'SUPPLEMENT_REQUEST' | 'REFUSAL' | 'APOLOGY' | 'STOP' | 'CONTROL_SLIP' | 'LOGBOOK';

export interface FormDefinition {
  kind: FormKind;
  /** Printed number, e.g. "Mẫu số 01". */
  number: string;
  title: string;
}

export interface FormSet {
  id: string;
  /** The legal text the set comes from. */
  basis: string;
  /** First local date (YYYY-MM-DD, Asia/Ho_Chi_Minh) on which the set applies. */
  effectiveFrom: string;
  forms: FormDefinition[];
}

export const FORM_SETS: readonly FormSet[] = [
  {
    id: 'TT01-2018',
    basis: 'Thông tư số 01/2018/TT-VPCP',
    effectiveFrom: '2018-11-23',
    forms: [
      { kind: 'RECEIPT', number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
      { kind: 'SUPPLEMENT_REQUEST', number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
      { kind: 'REFUSAL', number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
      { kind: 'APOLOGY', number: '04', title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' },
      { kind: 'CONTROL_SLIP', number: '05', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
      { kind: 'LOGBOOK', number: '06', title: 'Sổ theo dõi hồ sơ' },
    ],
  },
  {
    id: 'ND118-2025',
    basis: 'Nghị định số 118/2025/NĐ-CP (bộ mẫu được báo cáo, cần đối chiếu văn bản)',
    effectiveFrom: '2025-07-01',
    forms: [
      { kind: 'RECEIPT', number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
      { kind: 'SUPPLEMENT_REQUEST', number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
      { kind: 'REFUSAL', number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
      { kind: 'APOLOGY', number: '04', title: 'Phiếu xin lỗi và xin gia hạn thời gian giải quyết hồ sơ' },
      { kind: 'STOP', number: '05', title: 'Phiếu thông báo dừng xử lý hồ sơ' },
      { kind: 'CONTROL_SLIP', number: '06', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
      { kind: 'LOGBOOK', number: '07', title: 'Sổ theo dõi hồ sơ' },
    ],
  },
];

/** The form set in force on a local date (YYYY-MM-DD): the latest whose effectiveFrom is not after it. */
export function formSetOn(localDate: string, sets: readonly FormSet[] = FORM_SETS): FormSet {
  const inForce = [...sets].filter((s) => s.effectiveFrom <= localDate).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  return inForce[0] ?? [...sets].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
}

/** A form of the set in force on a local date; throws when that set has no such form (e.g. STOP before 2025). */
export function formOn(kind: FormKind, localDate: string, sets: readonly FormSet[] = FORM_SETS): FormDefinition & { setId: string } {
  const set = formSetOn(localDate, sets);
  const form = set.forms.find((f) => f.kind === kind);
  if (!form) throw new Error(`Form set ${set.id} has no form ${kind}`);
  return { ...form, setId: set.id };
}
