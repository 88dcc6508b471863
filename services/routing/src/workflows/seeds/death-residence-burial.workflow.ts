import type { WorkflowSeed } from './index';

/**
 * Liên thông: death registration, removal of the permanent residence registration and the funeral allowance
 * (đăng ký khai tử, xóa đăng ký thường trú, hưởng mai táng phí; the second linked group of Decree 63/2024/NĐ-CP).
 * `LT.KT-XTT-MT` is this platform's own code for the linked group (not a national database code): map it to the
 * national one when the catalog carries it. A dossier handed in on paper (at the counter or by post) is first
 * digitised at the receiving centre so that the linked agencies work on electronic copies; an online dossier
 * skips that step (its condition). Then the competent commune registers the death and its chairman signs; the
 * province police and the province social insurance work in parallel; the results join at the receiving centre.
 */
export const DEATH_RESIDENCE_BURIAL: WorkflowSeed = {
  procedureCode: 'LT.KT-XTT-MT',
  name: 'Liên thông đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ mai táng phí',
  steps: [
    {
      key: 'so-hoa',
      name: 'Số hóa hồ sơ giấy để chuyển liên thông điện tử',
      agency: { rule: 'receivingAgency' },
      role: 'SPECIALIST',
      budget: { workingHours: 4 },
      condition: { field: 'channel', in: ['COUNTER', 'POSTAL'] },
    },
    {
      key: 'khai-tu',
      name: 'Đăng ký khai tử (công chức tư pháp - hộ tịch)',
      agency: { rule: 'competentAgency' },
      role: 'SPECIALIST',
      budget: { workingDays: 1 },
      after: ['so-hoa'],
    },
    {
      key: 'duyet-khai-tu',
      name: 'Phê duyệt, ký Trích lục khai tử',
      agency: { rule: 'competentAgency' },
      role: 'APPROVER',
      budget: { workingHours: 4 },
      after: ['khai-tu'],
    },
    {
      key: 'xoa-thuong-tru',
      name: 'Xóa đăng ký thường trú',
      agency: { code: '000.00.20.H56' },
      role: 'SPECIALIST',
      budget: { workingDays: 2 },
      after: ['duyet-khai-tu'],
    },
    {
      key: 'mai-tang-phi',
      name: 'Giải quyết hưởng mai táng phí',
      agency: { code: '000.00.30.H56' },
      role: 'SPECIALIST',
      budget: { workingDays: 3 },
      after: ['duyet-khai-tu'],
    },
    {
      key: 'tra-ket-qua',
      name: 'Tổng hợp kết quả liên thông',
      agency: { rule: 'receivingAgency' },
      role: 'SPECIALIST',
      budget: { workingHours: 4 },
      after: ['xoa-thuong-tru', 'mai-tang-phi'],
    },
  ],
};
