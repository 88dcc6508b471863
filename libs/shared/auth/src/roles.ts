/** Staff roles (ARCHITECTURE.md, Security) plus integrators (national portal, carriers). */
export const ROLES = [
  'COUNTER_CLERK', // cán bộ một cửa
  'POSTAL_CLERK', // nhân viên bưu điện làm việc tại bộ phận một cửa
  'SPECIALIST', // chuyên viên xử lý
  'APPROVER', // lãnh đạo phê duyệt
  'POSTMAN', // bưu tá
  'SUPERVISOR',
  'ADMIN',
  'INTEGRATOR',
] as const;
export type Role = (typeof ROLES)[number];

export interface AuthUser {
  /** Subject: the staff account id. */
  sub: string;
  name: string;
  roles: Role[];
  /** Agency the user works for (national code `LLL.LL.LL.XNN`). */
  agencyCode: string;
}
