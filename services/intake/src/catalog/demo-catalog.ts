import { Agency } from './agency.entity';
import { Procedure } from './procedure.entity';
import { SEED_PROCEDURES } from './seed-procedures';

/** Demo province (two-level government since 07/2025): a province, its centre, departments, communes. */
export const DEMO_AGENCIES: Agency[] = [
  { code: '000.00.00.H56', name: 'Ủy ban nhân dân tỉnh Thanh Hóa', level: 'PROVINCE', parentCode: null, provinceCode: '38' },
  {
    code: '000.00.06.H56',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa',
    level: 'CENTER',
    parentCode: '000.00.00.H56',
    provinceCode: '38',
  },
  { code: '000.00.10.H56', name: 'Sở Tư pháp tỉnh Thanh Hóa', level: 'DEPARTMENT', parentCode: '000.00.00.H56', provinceCode: '38' },
  {
    code: '000.00.14.H56',
    name: 'Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa',
    level: 'DEPARTMENT',
    parentCode: '000.00.00.H56',
    provinceCode: '38',
  },
  { code: '000.00.20.H56', name: 'Công an tỉnh Thanh Hóa', level: 'DEPARTMENT', parentCode: '000.00.00.H56', provinceCode: '38' },
  // a branch of Vietnam Social Security (central), not a provincial department: holds the health-insurance step of LT.KS-TT-BHYT
  { code: '000.00.30.H56', name: 'Bảo hiểm xã hội tỉnh Thanh Hóa', level: 'DEPARTMENT', parentCode: '000.00.00.H56', provinceCode: '38' },
  { code: '000.21.01.H56', name: 'Ủy ban nhân dân phường Hạc Thành', level: 'COMMUNE', parentCode: '000.00.00.H56', provinceCode: '38' },
  {
    code: '000.21.02.H56',
    name: 'Ủy ban nhân dân xã Đông Sơn',
    level: 'COMMUNE',
    parentCode: '000.00.00.H56',
    provinceCode: '38',
    officeHours: '07:30-11:30,13:30-17:30', // its own office hours (the others keep the province's)
  },
];

const copy = (name: string, quantity = 1, required = true) => ({ name, form: 'COPY' as const, quantity, required });
const original = (name: string, quantity = 1, required = true) => ({ name, form: 'ORIGINAL' as const, quantity, required });

/** The four skeleton procedures (the e2e and embedded tests use 1.001193 at 000.21.01.H56), then the seed catalog. */
export const DEMO_PROCEDURES: Procedure[] = [
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    fieldCode: 'HOTICH',
    fieldName: 'Hộ tịch',
    competentAgencyCode: '000.21.01.H56',
    processingTime: { value: 1, unit: 'WORKING_DAYS' },
    postAllowed: true,
    components: [original('Tờ khai đăng ký khai sinh'), original('Giấy chứng sinh')],
  },
  {
    code: '2.000908',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
    fieldCode: 'CHUNGTHUC',
    fieldName: 'Chứng thực',
    competentAgencyCode: '000.21.02.H56',
    processingTime: { value: 1, unit: 'WORKING_DAYS' },
    postAllowed: true,
    components: [original('Bản chính giấy tờ, văn bản cần chứng thực'), copy('Bản sao cần chứng thực')],
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao trích lục hộ tịch',
    fieldCode: 'HOTICH',
    fieldName: 'Hộ tịch',
    competentAgencyCode: '000.00.10.H56',
    processingTime: { value: 1, unit: 'WORKING_DAYS' },
    postAllowed: true,
    components: [original('Tờ khai cấp bản sao trích lục hộ tịch')],
  },
  {
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    fieldCode: 'HOTICH',
    fieldName: 'Hộ tịch',
    competentAgencyCode: '000.21.01.H56',
    processingTime: { value: 5, unit: 'WORKING_DAYS' },
    postAllowed: false,
    components: [original('Tờ khai đăng ký kết hôn'), copy('Giấy xác nhận tình trạng hôn nhân', 2)],
  },
  // routing's seeded linked flow (this platform's own code, not a national one: see services/routing/README.md).
  // 4 working days = the flow's critical path: khai-sinh 1 d + duyet-khai-sinh 4 h + the parallel branches 2 d + tra-ket-qua 4 h.
  {
    code: 'LT.KS-TT-BHYT',
    name: 'Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ em dưới 6 tuổi',
    fieldCode: 'HOTICH',
    fieldName: 'Hộ tịch',
    competentAgencyCode: '000.21.01.H56',
    processingTime: { value: 4, unit: 'WORKING_DAYS' },
    postAllowed: true,
    components: [
      original('Tờ khai đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi'),
      original('Giấy chứng sinh'),
    ],
  },
  ...SEED_PROCEDURES,
];
