import type { WorkflowSeed } from './index';

/**
 * Liên thông: birth registration, permanent residence registration and the health-insurance card of
 * a child under six (justice → police → social insurance). `LT.KS-TT-BHYT` is this platform's own
 * code for the linked group (not a national database code): map it to the national one when the
 * catalog carries it. Agencies: the birth is registered at the dossier's competent commune (civil
 * status), the residence at the province police, the card at the province social insurance; the
 * result goes back to the receiving one-stop centre.
 */
export const BIRTH_RESIDENCE_HEALTH_INSURANCE: WorkflowSeed = {
  procedureCode: 'LT.KS-TT-BHYT',
  name: 'Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
  steps: [
    {
      key: 'khai-sinh',
      name: 'Đăng ký khai sinh (công chức tư pháp - hộ tịch)',
      agency: { rule: 'competentAgency' },
      role: 'SPECIALIST',
      budget: { workingDays: 1 },
    },
    {
      key: 'duyet-khai-sinh',
      name: 'Phê duyệt, ký Giấy khai sinh',
      agency: { rule: 'competentAgency' },
      role: 'APPROVER',
      budget: { workingHours: 4 },
      after: ['khai-sinh'],
    },
    // parallel branches after the birth certificate is signed
    {
      key: 'thuong-tru',
      name: 'Đăng ký thường trú',
      agency: { code: '000.00.20.H56' },
      role: 'SPECIALIST',
      budget: { workingDays: 2 },
      after: ['duyet-khai-sinh'],
    },
    {
      key: 'the-bhyt',
      name: 'Cấp thẻ bảo hiểm y tế',
      agency: { code: '000.00.30.H56' },
      role: 'SPECIALIST',
      budget: { workingDays: 2 },
      after: ['duyet-khai-sinh'],
    },
    // join: both results back at the one-stop centre that received the dossier
    {
      key: 'tra-ket-qua',
      name: 'Tổng hợp kết quả liên thông',
      agency: { rule: 'receivingAgency' },
      role: 'SPECIALIST',
      budget: { workingHours: 4 },
      after: ['thuong-tru', 'the-bhyt'],
    },
  ],
};
