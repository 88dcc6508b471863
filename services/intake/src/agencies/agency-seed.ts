import { Agency, AgencyLevel, AgencyTree } from '../catalog/agency.entity';

/** The day the two-level local government took effect (Resolution 202/2025/QH15): province → commune. */
export const TWO_LEVEL_FROM = '2025-07-01';

const PROVINCE = '000.00.00.H56';
const CENTER = '000.00.06.H56';
const agency = (
  code: string,
  name: string,
  level: AgencyLevel,
  parentCode: string | null,
  tree: AgencyTree,
  extra: Partial<Agency> = {},
): Agency => ({
  code,
  name,
  level,
  parentCode,
  provinceCode: '38',
  officeHours: null,
  tree,
  validFrom: tree === 'TWO_LEVEL' ? TWO_LEVEL_FROM : null,
  validTo: tree === 'THREE_LEVEL' ? TWO_LEVEL_FROM : null,
  active: true,
  adminUnitCode: null,
  ...extra,
});

/**
 * The demo province (Thanh Hóa, `H56`) as data, both trees: the province, its departments (sở) and its
 * public administration service centre are in both (`BOTH`); since 01/07/2025 communes hang directly
 * under the province with the centre's branches (`TWO_LEVEL`), before it communes hung under districts
 * (`THREE_LEVEL`, valid until 01/07/2025). Codes follow `LLL.LL.LL.XNN`; the skeleton codes
 * (000.21.01.H56, 000.21.02.H56 …) are kept as they are; the three-level units and the branches are
 * illustrative (names of real former units, codes made up in the national pattern).
 */
export const SEED_AGENCIES: Agency[] = [
  agency(PROVINCE, 'Ủy ban nhân dân tỉnh Thanh Hóa', 'PROVINCE', null, 'BOTH'),
  agency(CENTER, 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa', 'CENTER', PROVINCE, 'BOTH'),
  agency('000.01.06.H56', 'Chi nhánh Trung tâm Phục vụ hành chính công tỉnh tại phường Hạc Thành', 'CENTER_BRANCH', CENTER, 'TWO_LEVEL'),
  agency('000.02.06.H56', 'Chi nhánh Trung tâm Phục vụ hành chính công tỉnh tại xã Đông Sơn', 'CENTER_BRANCH', CENTER, 'TWO_LEVEL'),
  agency('000.00.10.H56', 'Sở Tư pháp tỉnh Thanh Hóa', 'DEPARTMENT', PROVINCE, 'BOTH'),
  agency('000.00.14.H56', 'Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa', 'DEPARTMENT', PROVINCE, 'BOTH'),
  agency('000.00.20.H56', 'Công an tỉnh Thanh Hóa', 'DEPARTMENT', PROVINCE, 'BOTH'),
  // a branch of Vietnam Social Security (central), not a provincial department: holds the health-insurance step of LT.KS-TT-BHYT
  agency('000.00.30.H56', 'Bảo hiểm xã hội tỉnh Thanh Hóa', 'DEPARTMENT', PROVINCE, 'BOTH'),
  // two-level tree (since 01/07/2025): communes under the province
  agency('000.21.01.H56', 'Ủy ban nhân dân phường Hạc Thành', 'COMMUNE', PROVINCE, 'TWO_LEVEL', { adminUnitCode: '14755' }),
  agency('000.21.02.H56', 'Ủy ban nhân dân xã Đông Sơn', 'COMMUNE', PROVINCE, 'TWO_LEVEL', {
    adminUnitCode: '15925',
    officeHours: '07:30-11:30,13:30-17:30', // its own office hours (the others keep the province's)
  }),
  // three-level tree (until 30/06/2025): province → district → commune
  agency('000.00.31.H56', 'Ủy ban nhân dân thành phố Thanh Hóa', 'DISTRICT', PROVINCE, 'THREE_LEVEL', { adminUnitCode: '380' }),
  agency('000.01.31.H56', 'Ủy ban nhân dân phường Điện Biên', 'COMMUNE', '000.00.31.H56', 'THREE_LEVEL'),
  agency('000.02.31.H56', 'Ủy ban nhân dân phường Lam Sơn', 'COMMUNE', '000.00.31.H56', 'THREE_LEVEL'),
  agency('000.00.32.H56', 'Ủy ban nhân dân huyện Đông Sơn', 'DISTRICT', PROVINCE, 'THREE_LEVEL', { adminUnitCode: '391' }),
  agency('000.01.32.H56', 'Ủy ban nhân dân thị trấn Rừng Thông', 'COMMUNE', '000.00.32.H56', 'THREE_LEVEL'),
  agency('000.02.32.H56', 'Ủy ban nhân dân xã Đông Tiến', 'COMMUNE', '000.00.32.H56', 'THREE_LEVEL'),
];
