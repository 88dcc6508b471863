import { SEED_AGENCIES } from '../agencies/agency-seed';
import { Agency } from './agency.entity';
import { copy, original, procedure, SeedProcedure, SEED_PROCEDURES } from './seed-procedures';

/** Demo province: both agency trees (`src/agencies/agency-seed.ts`). */
export const DEMO_AGENCIES: Agency[] = SEED_AGENCIES;

/** The four skeleton procedures (the e2e and embedded tests use 1.001193 at 000.21.01.H56), then the seed catalog. */
export const DEMO_PROCEDURES: SeedProcedure[] = [
  // birth registration on time is free (Luật Hộ tịch, Điều 11)
  procedure(
    '1.001193',
    'Đăng ký khai sinh',
    'HOTICH',
    '000.21.01.H56',
    { value: 1, unit: 'WORKING_DAYS' },
    [original('Tờ khai đăng ký khai sinh'), original('Giấy chứng sinh')],
    { online: 'FULL' },
  ),
  procedure(
    '2.000908',
    'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
    'CHUNGTHUC',
    '000.21.02.H56',
    { value: 1, unit: 'WORKING_DAYS' },
    [original('Bản chính giấy tờ, văn bản cần chứng thực'), copy('Bản sao cần chứng thực')],
    { online: 'PARTIAL', fees: [{ name: 'Phí chứng thực bản sao từ bản chính (mỗi trang, từ trang thứ ba 1.000 đồng)', amountVnd: 2000 }] },
  ),
  procedure(
    '2.000635',
    'Cấp bản sao trích lục hộ tịch',
    'HOTICH',
    '000.00.10.H56',
    { value: 1, unit: 'WORKING_DAYS' },
    [original('Tờ khai cấp bản sao trích lục hộ tịch')],
    { online: 'FULL', fees: [{ name: 'Phí cấp bản sao trích lục hộ tịch (mỗi bản)', amountVnd: 8000 }] },
  ),
  // both parties appear in person: no post for the dossier nor the result
  procedure(
    '1.000894',
    'Đăng ký kết hôn',
    'HOTICH',
    '000.21.01.H56',
    { value: 5, unit: 'WORKING_DAYS' },
    [original('Tờ khai đăng ký kết hôn'), copy('Giấy xác nhận tình trạng hôn nhân', 2)],
    { post: false, online: 'PARTIAL' },
  ),
  // routing's seeded linked flow (this platform's own code, not a national one: see services/routing/README.md).
  // 4 working days = the flow's critical path: khai-sinh 1 d + duyet-khai-sinh 4 h + the parallel branches 2 d + tra-ket-qua 4 h.
  procedure(
    'LT.KS-TT-BHYT',
    'Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ em dưới 6 tuổi',
    'HOTICH',
    '000.21.01.H56',
    { value: 4, unit: 'WORKING_DAYS' },
    [original('Tờ khai đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi'), original('Giấy chứng sinh')],
    { online: 'FULL' },
  ),
  ...SEED_PROCEDURES,
];
