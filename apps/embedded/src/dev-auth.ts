import { AuthUser, issueToken } from '@motcua/auth';

/** Demo staff of the demo province, one per role (embedded mode only). */
export const DEMO_USERS: AuthUser[] = [
  { sub: 'clerk.center', name: 'Lê Thị Thu (một cửa tỉnh)', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' },
  { sub: 'postal.center', name: 'Phạm Văn Bình (bưu điện tại một cửa)', roles: ['POSTAL_CLERK'], agencyCode: '000.00.06.H56' },
  { sub: 'specialist.hacthanh', name: 'Trần Minh Đức (phường Hạc Thành)', roles: ['SPECIALIST'], agencyCode: '000.21.01.H56' },
  { sub: 'specialist.dongson', name: 'Nguyễn Thị Lan (xã Đông Sơn)', roles: ['SPECIALIST'], agencyCode: '000.21.02.H56' },
  { sub: 'specialist.tuphap', name: 'Hoàng Văn Nam (Sở Tư pháp)', roles: ['SPECIALIST'], agencyCode: '000.00.10.H56' },
  { sub: 'approver.hacthanh', name: 'Vũ Thị Hạnh (lãnh đạo phường)', roles: ['APPROVER'], agencyCode: '000.21.01.H56' },
  { sub: 'postman.hacthanh', name: 'Đỗ Văn Tùng (bưu tá)', roles: ['POSTMAN'], agencyCode: '000.00.06.H56' },
  { sub: 'supervisor.province', name: 'Ngô Quang Huy (giám sát)', roles: ['SUPERVISOR'], agencyCode: '000.00.00.H56' },
  { sub: 'admin', name: 'Quản trị hệ thống', roles: ['ADMIN'], agencyCode: '000.00.00.H56' },
];

export function devToken(secret: string, sub: string): string | undefined {
  const user = DEMO_USERS.find((u) => u.sub === sub);
  return user ? issueToken(secret, user) : undefined;
}
