import type { WorkflowSeed } from './index';

/**
 * Liên thông đất đai: first registration of land use rights and issue of the certificate to a household
 * (đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu) through the commune, the land registration
 * office and the tax authority. `LT.DD-GCN` is this platform's own code for the linked flow (not a
 * national database code): map it to the national one when the catalog carries it. Agencies: the
 * commune that is competent for the dossier confirms the land's status and origin; the land registration
 * office works under the provincial Department of Agriculture and Environment (`000.00.14.H56` in the demo
 * catalog); `000.00.40.H56` stands for the provincial tax authority (verify the code: an administrator
 * publishes version 2 with the real one); the result goes back to the receiving one-stop centre.
 */
export const LAND_USE_CERTIFICATE: WorkflowSeed = {
  procedureCode: 'LT.DD-GCN',
  name: 'Liên thông đăng ký đất đai, xác định nghĩa vụ tài chính và cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
  steps: [
    {
      key: 'xac-nhan-xa',
      name: 'UBND xã xác nhận hiện trạng, nguồn gốc sử dụng đất',
      agency: { rule: 'competentAgency' },
      role: 'SPECIALIST',
      budget: { workingDays: 3 },
    },
    {
      key: 'dang-ky-dat-dai',
      name: 'Văn phòng đăng ký đất đai kiểm tra hồ sơ, gửi thông tin địa chính cho cơ quan thuế',
      agency: { code: '000.00.14.H56' },
      role: 'SPECIALIST',
      budget: { workingDays: 5 },
      after: ['xac-nhan-xa'],
    },
    {
      key: 'nghia-vu-tai-chinh',
      name: 'Cơ quan thuế xác định và thông báo nghĩa vụ tài chính',
      agency: { code: '000.00.40.H56' },
      role: 'SPECIALIST',
      budget: { workingDays: 3 },
      after: ['dang-ky-dat-dai'],
    },
    {
      key: 'ky-giay-chung-nhan',
      name: 'Ký Giấy chứng nhận quyền sử dụng đất',
      agency: { code: '000.00.14.H56' },
      role: 'APPROVER',
      budget: { workingDays: 3 },
      after: ['nghia-vu-tai-chinh'],
    },
    {
      key: 'tra-ket-qua',
      name: 'Chuyển Giấy chứng nhận về bộ phận một cửa để trả kết quả',
      agency: { rule: 'receivingAgency' },
      role: 'SPECIALIST',
      budget: { workingHours: 4 },
      after: ['ky-giay-chung-nhan'],
    },
  ],
};
