import type { ProcessingTime } from '@motcua/calendar';
import type { ProcedureComponent } from './procedure.entity';
import { NATIONAL_PROCEDURE_CODE } from './procedure-version.dto';
import type { OnlineLevel, ProcedureFee, ProcedureLevel, ProcedureVersionContent } from './procedure-version.entity';

/**
 * A seed catalog of commonly used procedures (loaded by the demo seed next to the four skeleton ones,
 * as version 1 of each): civil status, certification, residence, business households, land, judicial
 * records, construction. Names, components and processing times follow the governing texts (Luật Hộ
 * tịch 2014 and Decree 123/2015; Decree 23/2015 on certification; Luật Cư trú 2020 and Decree 154/2024;
 * Decree 01/2021 and 168/2025 on business households; Luật Đất đai 2024 and Decree 101/2024; Luật Lý lịch
 * tư pháp 2009; Luật Xây dựng). Fees follow Circulars 226/2016 (certification), 244/2016 (judicial
 * records), 75/2022 (residence), 202/2016 (secured transactions); civil-status, business-household,
 * land-certificate and building-permit charges are set by each provincial People's Council, so those
 * amounts are typical values to check against the province's resolution. Procedure codes are those of the
 * national database where known; the codes listed in `CODES_TO_VERIFY` were written from memory and must
 * be checked against csdl.dichvucong.gov.vn before use outside a demo. Competent agencies are the demo
 * province's (Thanh Hóa) agencies of `DEMO_AGENCIES`.
 */

/** A seed procedure: its catalog code and the content of its version 1. */
export type SeedProcedure = ProcedureVersionContent & { code: string; competentAgencyCode: string };

/** The seed's versions take effect from this local date (the demo catalog's baseline). */
export const SEED_EFFECTIVE_FROM = '2025-01-01';

const COMMUNE = '000.21.01.H56'; // UBND phường Hạc Thành
const COMMUNE_2 = '000.21.02.H56'; // UBND xã Đông Sơn
const JUSTICE = '000.00.10.H56'; // Sở Tư pháp
const LAND = '000.00.14.H56'; // Sở Nông nghiệp và Môi trường (Văn phòng đăng ký đất đai)
const POLICE = '000.00.20.H56'; // Công an tỉnh (in reality the commune police station registers residence)
const COMMUNE_AGENCIES = new Set([COMMUNE, COMMUNE_2]);

/** `condition` given: a conditional component (required only in that case). */
const component =
  (form: ProcedureComponent['form']) =>
  (name: string, quantity = 1, condition?: string): ProcedureComponent => ({
    name,
    form,
    quantity,
    required: !condition,
    ...(condition ? { condition } : {}),
  });
export const original = component('ORIGINAL');
export const certified = component('CERTIFIED_COPY');
export const copy = component('COPY');

const days = (value: number): ProcessingTime => ({ value, unit: 'WORKING_DAYS' });
const calendarDays = (value: number): ProcessingTime => ({ value, unit: 'CALENDAR_DAYS' });
const hours = (value: number): ProcessingTime => ({ value, unit: 'WORKING_HOURS' });
const withinDay: ProcessingTime = { value: 1, unit: 'WITHIN_DAY' };

export const FIELDS = {
  HOTICH: 'Hộ tịch',
  CHUNGTHUC: 'Chứng thực',
  CUTRU: 'Đăng ký, quản lý cư trú',
  HKD: 'Thành lập và hoạt động của hộ kinh doanh',
  DATDAI: 'Đất đai',
  LLTP: 'Lý lịch tư pháp',
  XAYDUNG: 'Hoạt động xây dựng',
} as const;

/** Fees, online level and post of a seed procedure (defaults: no fee, online in part, post both ways). */
export interface SeedExtras {
  fees?: ProcedureFee[];
  online?: OnlineLevel;
  /** The post may carry the result (default true). */
  post?: boolean;
  /** The post may carry the dossier (default: as `post`). */
  dossierByPost?: boolean;
  level?: ProcedureLevel;
}

const fee = (name: string, amountVnd: number): ProcedureFee => ({ name, amountVnd });

export function procedure(
  code: string,
  name: string,
  field: keyof typeof FIELDS,
  competentAgencyCode: string,
  processingTime: ProcessingTime,
  components: ProcedureComponent[],
  extras: SeedExtras | false = {},
): SeedProcedure {
  const x: SeedExtras = { ...(extras || {}), ...(EXTRAS[code] ?? {}), ...(extras === false ? { post: false } : {}) };
  const post = x.post ?? true;
  return {
    code,
    nationalCode: NATIONAL_PROCEDURE_CODE.test(code) ? code : null,
    name,
    fieldCode: field,
    fieldName: FIELDS[field],
    level: x.level ?? (COMMUNE_AGENCIES.has(competentAgencyCode) || field === 'CUTRU' ? 'COMMUNE' : 'PROVINCE'),
    competentAgencyCode,
    competentAgencyRule: null,
    components: components.map((c, i) => ({ code: `TP${String(i + 1).padStart(2, '0')}`, ...c })),
    processingTime,
    fees: x.fees ?? [],
    onlineLevel: x.online ?? 'PARTIAL',
    postMayCarryDossier: x.dossierByPost ?? post,
    postMayCarryResult: post,
    effectiveFrom: SEED_EFFECTIVE_FROM,
    effectiveTo: null,
  };
}

/** Fees (VND), online level (FULL toàn trình, PARTIAL một phần, NONE) and post, per code. */
const EXTRAS: Record<string, SeedExtras> = {
  // hộ tịch: khai sinh, khai tử, kết hôn đúng hạn are free (Luật Hộ tịch, Điều 11)
  '1.000656': { online: 'FULL' },
  '1.004873': { online: 'FULL', fees: [fee('Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', 5000)] },
  '1.001022': { online: 'PARTIAL', fees: [fee('Lệ phí đăng ký nhận cha, mẹ, con', 15000)] },
  '1.004859': { online: 'FULL', fees: [fee('Lệ phí đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 15000)] },
  '1.004884': { online: 'FULL', fees: [fee('Lệ phí đăng ký lại khai sinh', 5000)] },
  '1.004837': { online: 'PARTIAL', dossierByPost: false },
  '1.001695': { online: 'PARTIAL', fees: [fee('Lệ phí đăng ký nhận cha, mẹ, con', 15000)] },
  '1.000689': { online: 'NONE' },
  // chứng thực: the signer signs before the official (no post for the dossier)
  '2.000815': { online: 'NONE', dossierByPost: false, fees: [fee('Phí chứng thực chữ ký', 10000)] },
  '2.001035': { online: 'NONE', dossierByPost: false, fees: [fee('Phí chứng thực hợp đồng, giao dịch liên quan đến động sản', 50000)] },
  '2.001019': { online: 'NONE', dossierByPost: false, fees: [fee('Phí chứng thực di chúc', 50000)] },
  '2.000927': { online: 'NONE', dossierByPost: false, fees: [fee('Phí chứng thực văn bản thỏa thuận phân chia di sản', 50000)] },
  '2.000884': { online: 'NONE', dossierByPost: false, fees: [fee('Phí chứng thực chữ ký người dịch', 10000)] },
  // cư trú (Circular 75/2022: lower amounts when filed online)
  '1.004194': { online: 'FULL', fees: [fee('Lệ phí đăng ký thường trú', 20000)] },
  '1.004222': { online: 'FULL', fees: [fee('Lệ phí đăng ký tạm trú', 15000)] },
  '1.004206': { online: 'FULL', fees: [fee('Lệ phí gia hạn tạm trú', 15000)] },
  '1.003677': { online: 'FULL' },
  '1.004235': { online: 'FULL', fees: [fee('Lệ phí tách hộ', 10000)] },
  '2.001159': { online: 'FULL' },
  '1.010059': { online: 'FULL' },
  // hộ kinh doanh
  '2.000720': { online: 'FULL', fees: [fee('Lệ phí đăng ký hộ kinh doanh', 100000)] },
  '2.000719': { online: 'FULL', fees: [fee('Lệ phí đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 50000)] },
  '2.000575': { online: 'FULL' },
  '1.001612': { online: 'FULL' },
  '2.000738': { online: 'FULL', fees: [fee('Lệ phí cấp lại Giấy chứng nhận đăng ký hộ kinh doanh', 50000)] },
  // đất đai
  '1.012757': {
    online: 'PARTIAL',
    fees: [fee('Lệ phí cấp Giấy chứng nhận quyền sử dụng đất', 100000), fee('Phí thẩm định hồ sơ cấp Giấy chứng nhận', 500000)],
  },
  '1.012758': { online: 'PARTIAL', fees: [fee('Lệ phí cấp Giấy chứng nhận (đăng ký biến động)', 50000)] },
  '1.012759': { online: 'PARTIAL', fees: [fee('Lệ phí cấp đổi Giấy chứng nhận', 50000)] },
  '1.012760': { online: 'PARTIAL', fees: [fee('Lệ phí cấp lại Giấy chứng nhận', 50000)] },
  '1.012761': { online: 'FULL', fees: [fee('Phí đăng ký biện pháp bảo đảm', 80000)] },
  '1.012762': { online: 'FULL', fees: [fee('Phí xóa đăng ký biện pháp bảo đảm', 20000)] },
  // lý lịch tư pháp (Circular 244/2016; 100 000 for students and people with meritorious services)
  '2.000488': { online: 'FULL', fees: [fee('Phí cung cấp thông tin lý lịch tư pháp', 200000)] },
  // xây dựng
  '1.009994': { online: 'PARTIAL', fees: [fee('Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', 75000)] },
};

const ID = copy('Giấy tờ tùy thân (căn cước, hộ chiếu) của người yêu cầu — xuất trình hoặc bản chụp', 1);

export const SEED_PROCEDURES: SeedProcedure[] = [
  // ---- Hộ tịch (civil status), commune level
  procedure('1.000656', 'Đăng ký khai tử', 'HOTICH', COMMUNE, withinDay, [
    original('Tờ khai đăng ký khai tử'),
    original('Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử'),
  ]),
  procedure('1.004873', 'Cấp Giấy xác nhận tình trạng hôn nhân', 'HOTICH', COMMUNE, days(3), [
    original('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân'),
    copy(
      'Bản án, quyết định ly hôn hoặc giấy chứng tử của vợ/chồng',
      1,
      'Người yêu cầu đã có vợ/chồng nhưng đã ly hôn hoặc vợ/chồng đã chết',
    ),
  ]),
  procedure('1.001022', 'Đăng ký nhận cha, mẹ, con', 'HOTICH', COMMUNE, days(3), [
    original('Tờ khai đăng ký nhận cha, mẹ, con'),
    original('Văn bản của cơ quan y tế, giám định hoặc chứng cứ chứng minh quan hệ cha, mẹ, con'),
  ]),
  procedure('1.004859', 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'HOTICH', COMMUNE, days(3), [
    original('Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch'),
    original('Giấy khai sinh hoặc giấy tờ hộ tịch cần thay đổi, cải chính'),
    copy(
      'Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung',
      1,
      'Khi việc thay đổi, cải chính cần căn cứ (giấy tờ cá nhân, quyết định của cơ quan có thẩm quyền)',
    ),
  ]),
  procedure('1.004884', 'Đăng ký lại khai sinh', 'HOTICH', COMMUNE, days(5), [
    original('Tờ khai đăng ký lại khai sinh'),
    copy(
      'Bản sao Giấy khai sinh hoặc giấy tờ chứng minh nội dung khai sinh',
      1,
      'Khi người yêu cầu còn giữ bản sao hoặc giấy tờ có nội dung khai sinh',
    ),
    original('Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không lưu giữ được bản chính'),
  ]),
  procedure('1.004837', 'Đăng ký giám hộ', 'HOTICH', COMMUNE_2, days(3), [
    original('Tờ khai đăng ký giám hộ'),
    original('Văn bản cử người giám hộ hoặc giấy tờ chứng minh giám hộ đương nhiên'),
  ]),
  procedure('1.001695', 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con', 'HOTICH', COMMUNE, days(3), [
    original('Tờ khai đăng ký khai sinh và tờ khai nhận cha, mẹ, con'),
    original('Giấy chứng sinh'),
    original('Chứng cứ chứng minh quan hệ cha, mẹ, con'),
  ]),
  procedure(
    '1.000689',
    'Đăng ký kết hôn lưu động',
    'HOTICH',
    COMMUNE_2,
    days(5),
    [original('Tờ khai đăng ký kết hôn'), original('Giấy xác nhận tình trạng hôn nhân', 1, 'Khi đăng ký kết hôn ở nơi không thường trú')],
    false,
  ),
  // ---- Chứng thực (certification), commune level: within the day, after 15:00 the next working day
  procedure('2.000815', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'CHUNGTHUC', COMMUNE_2, withinDay, [
    ID,
    original('Giấy tờ, văn bản cần chứng thực chữ ký'),
  ]),
  procedure('2.001035', 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản', 'CHUNGTHUC', COMMUNE_2, days(2), [
    original('Dự thảo hợp đồng, giao dịch'),
    ID,
    copy('Giấy chứng nhận quyền sở hữu hoặc giấy tờ thay thế của tài sản'),
  ]),
  procedure('2.001019', 'Chứng thực di chúc', 'CHUNGTHUC', COMMUNE_2, days(2), [
    original('Dự thảo di chúc'),
    ID,
    copy(
      'Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản',
      1,
      'Khi di chúc liên quan đến tài sản phải đăng ký quyền sở hữu, quyền sử dụng',
    ),
  ]),
  procedure('2.000927', 'Chứng thực văn bản thỏa thuận phân chia di sản', 'CHUNGTHUC', COMMUNE_2, days(2), [
    original('Dự thảo văn bản thỏa thuận phân chia di sản'),
    ID,
    copy('Giấy chứng tử hoặc giấy tờ chứng minh người để lại di sản đã chết'),
    copy('Giấy tờ chứng minh quan hệ giữa người để lại di sản và người được hưởng di sản'),
  ]),
  procedure('2.000884', 'Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật', 'CHUNGTHUC', JUSTICE, withinDay, [
    original('Bản dịch và giấy tờ, văn bản cần dịch'),
  ]),
  // ---- Cư trú (residence), Luật Cư trú 2020
  procedure('1.004194', 'Đăng ký thường trú', 'CUTRU', POLICE, days(7), [
    original('Tờ khai thay đổi thông tin cư trú (mẫu CT01)'),
    copy('Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp'),
    copy('Giấy tờ chứng minh quan hệ nhân thân', 1, 'Khi đăng ký thường trú vào chỗ ở của người thân'),
  ]),
  procedure('1.004222', 'Đăng ký tạm trú', 'CUTRU', POLICE, days(3), [
    original('Tờ khai thay đổi thông tin cư trú (mẫu CT01)'),
    copy('Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp'),
  ]),
  procedure('1.004206', 'Gia hạn tạm trú', 'CUTRU', POLICE, days(3), [original('Tờ khai thay đổi thông tin cư trú (mẫu CT01)')]),
  procedure('1.003677', 'Xóa đăng ký thường trú', 'CUTRU', POLICE, days(1), [
    original('Tờ khai thay đổi thông tin cư trú (mẫu CT01)'),
    copy('Giấy tờ chứng minh thuộc trường hợp xóa đăng ký thường trú'),
  ]),
  procedure('1.004235', 'Tách hộ', 'CUTRU', POLICE, days(3), [
    original('Tờ khai thay đổi thông tin cư trú (mẫu CT01), có ý kiến đồng ý của chủ hộ'),
  ]),
  procedure('2.001159', 'Khai báo tạm vắng', 'CUTRU', POLICE, days(1), [original('Tờ khai thay đổi thông tin cư trú (mẫu CT01)')]),
  procedure('1.010059', 'Xác nhận thông tin về cư trú', 'CUTRU', POLICE, hours(4), [
    original('Tờ khai thay đổi thông tin cư trú (mẫu CT01)'),
  ]),
  // ---- Hộ kinh doanh (business households), commune level since 07/2025
  procedure('2.000720', 'Đăng ký thành lập hộ kinh doanh', 'HKD', COMMUNE_2, days(3), [
    original('Giấy đề nghị đăng ký hộ kinh doanh'),
    copy('Giấy tờ pháp lý của cá nhân của chủ hộ kinh doanh và thành viên hộ gia đình'),
    copy(
      'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
      1,
      'Khi các thành viên hộ gia đình cùng đăng ký hộ kinh doanh',
    ),
    copy(
      'Văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh',
      1,
      'Khi các thành viên hộ gia đình ủy quyền cho một thành viên làm chủ hộ',
    ),
  ]),
  procedure('2.000719', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'HKD', COMMUNE_2, days(3), [
    original('Thông báo thay đổi nội dung đăng ký hộ kinh doanh'),
    copy('Giấy tờ làm căn cứ thay đổi', 1, 'Khi thay đổi chủ hộ, địa chỉ hoặc ngành, nghề cần giấy tờ chứng minh'),
  ]),
  procedure('2.000575', 'Tạm ngừng hoạt động hộ kinh doanh', 'HKD', COMMUNE_2, days(3), [
    original('Thông báo về việc tạm ngừng hoạt động hộ kinh doanh'),
  ]),
  procedure('1.001612', 'Chấm dứt hoạt động hộ kinh doanh', 'HKD', COMMUNE_2, days(3), [
    original('Thông báo về việc chấm dứt hoạt động hộ kinh doanh'),
    original('Giấy chứng nhận đăng ký hộ kinh doanh'),
  ]),
  procedure('2.000738', 'Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh', 'HKD', COMMUNE_2, days(3), [
    original('Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh'),
  ]),
  // ---- Đất đai (land), Luật Đất đai 2024 and Decree 101/2024
  procedure(
    '1.012757',
    'Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    'DATDAI',
    LAND,
    days(20),
    [
      original('Đơn đăng ký đất đai, tài sản gắn liền với đất (mẫu 04/ĐK)'),
      copy('Giấy tờ về quyền sử dụng đất', 1, 'Khi người sử dụng đất có giấy tờ theo Điều 137 Luật Đất đai 2024'),
      copy('Chứng từ thực hiện nghĩa vụ tài chính', 1, 'Khi được miễn, giảm hoặc đã nộp nghĩa vụ tài chính'),
    ],
    false,
  ),
  procedure('1.012758', 'Đăng ký biến động đất đai do chuyển nhượng, tặng cho quyền sử dụng đất', 'DATDAI', LAND, days(10), [
    original('Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (mẫu 11/ĐK)'),
    original('Hợp đồng, văn bản chuyển nhượng, tặng cho đã công chứng hoặc chứng thực'),
    original('Giấy chứng nhận đã cấp'),
  ]),
  procedure('1.012759', 'Cấp đổi Giấy chứng nhận quyền sử dụng đất', 'DATDAI', LAND, days(7), [
    original('Đơn đề nghị cấp đổi Giấy chứng nhận'),
    original('Giấy chứng nhận đã cấp'),
  ]),
  procedure('1.012760', 'Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất', 'DATDAI', LAND, days(10), [
    original('Đơn đề nghị cấp lại Giấy chứng nhận'),
    original(
      'Giấy xác nhận của công an về việc mất giấy tờ hoặc xác nhận đã niêm yết thông báo mất',
      1,
      'Khi Giấy chứng nhận bị mất do thiên tai, hỏa hoạn thì thay bằng giấy xác nhận của UBND cấp xã',
    ),
  ]),
  procedure('1.012761', 'Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất', 'DATDAI', LAND, withinDay, [
    original('Phiếu yêu cầu đăng ký thế chấp'),
    original('Hợp đồng thế chấp đã công chứng, chứng thực'),
    original('Giấy chứng nhận đã cấp'),
  ]),
  procedure('1.012762', 'Xóa đăng ký thế chấp quyền sử dụng đất', 'DATDAI', LAND, withinDay, [
    original('Phiếu yêu cầu xóa đăng ký thế chấp'),
    original('Giấy chứng nhận đã cấp'),
  ]),
  // ---- Lý lịch tư pháp (judicial records), Sở Tư pháp: "không quá 10 ngày" (calendar days)
  procedure('2.000488', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', 'LLTP', JUSTICE, calendarDays(10), [
    original('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp'),
    copy('Bản chụp căn cước hoặc hộ chiếu của người được cấp Phiếu'),
  ]),
  // ---- Xây dựng (construction): 15 days from a complete dossier
  procedure(
    '1.009994',
    'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    'XAYDUNG',
    COMMUNE,
    calendarDays(15),
    [
      original('Đơn đề nghị cấp giấy phép xây dựng'),
      certified('Giấy tờ chứng minh quyền sử dụng đất'),
      original('Bản vẽ thiết kế xây dựng', 2),
    ],
    false,
  ),
];

/** Seed procedure codes not checked against the national database (see above). */
export const CODES_TO_VERIFY: readonly string[] = [
  '1.001022',
  '1.004859',
  '1.004884',
  '1.004837',
  '1.001695',
  '1.000689',
  '2.001035',
  '2.001019',
  '2.000927',
  '2.000884',
  '1.004194',
  '1.004222',
  '1.004206',
  '1.003677',
  '1.004235',
  '2.001159',
  '1.010059',
  '2.000719',
  '2.000575',
  '1.001612',
  '2.000738',
  '1.012757',
  '1.012758',
  '1.012759',
  '1.012760',
  '1.012761',
  '1.012762',
  '2.000488',
  '1.009994',
];
