import type { NOTIFICATION_CHANNELS } from '@motcua/contracts';

export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Message purposes. One message per (dossier, purpose, channel, recipient): the purpose is the
 * `template` column of `message`, whatever variant (template key) of the text was chosen.
 */
export const PURPOSES = {
  /** Form 01 issued: code, appointment, lookup link. */
  DOSSIER_RECEIVED: 'DOSSIER_RECEIVED',
  /** Result ready (national status 9): where and how the citizen gets it. */
  RESULT_READY: 'RESULT_READY',
  /** The post delivered the result (national status 10, HinhThuc = 1). */
  RESULT_DELIVERED: 'RESULT_DELIVERED',
  /** During processing the agency asked for a supplement: what is missing (national status 5). */
  SUPPLEMENT_REQUESTED: 'SUPPLEMENT_REQUESTED',
  /** The agency refused to resolve the dossier, with the reason. */
  REFUSED: 'REFUSED',
  /** More time was needed: the apology and the new appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả). */
  EXTENDED: 'EXTENDED',
  /** The agency stopped processing the dossier (dừng xử lý), with the reason. */
  STOPPED: 'STOPPED',
  /** The post could not deliver the result and brought it back: it is held at the counter. */
  RESULT_HELD_AT_COUNTER: 'RESULT_HELD_AT_COUNTER',
  /** The post will come to collect the dossier (thu gom): the agreed window. No dossier code yet: keyed by pickup. */
  PICKUP_SCHEDULED: 'PICKUP_SCHEDULED',
  /** The postman could not collect the dossier: why, and whether he comes again. */
  PICKUP_FAILED: 'PICKUP_FAILED',
  /** The postman left with the result (one per delivery attempt), with the amount to pay on delivery if any. */
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  /** A delivery attempt failed (one per attempt): why, and whether the postman comes again. */
  DELIVERY_ATTEMPT_FAILED: 'DELIVERY_ATTEMPT_FAILED',
} as const;
export type Purpose = (typeof PURPOSES)[keyof typeof PURPOSES];

/**
 * Typed placeholders. Values are checked against their type in previews and formatted for Vietnamese
 * readers when messages are rendered (`datetime` → "09:00 ngày 06/01/2026", Asia/Ho_Chi_Minh; `money`, an
 * amount in VND given as digits → "35.000 đồng").
 */
export type PlaceholderType = 'dossierCode' | 'text' | 'datetime' | 'url' | 'money';

export interface TemplateKeyDefinition {
  purpose: Purpose;
  /** What the key is for (Vietnamese, shown to administrators). */
  description: string;
  placeholders: Record<string, PlaceholderType>;
  /** Sample values (raw, before formatting) for previews. */
  sample: Record<string, string>;
}

const code = 'dossierCode' as const;
const SAMPLE_CODE = '000.00.06.H56-260105-0001';
const SAMPLE_LINK = `https://dichvucong.example.vn/tra-cuu/${SAMPLE_CODE}`;
const SAMPLE_PICKUP = {
  reference: 'TG-260105-0001',
  procedureName: 'Đăng ký khai sinh',
  applicantName: 'Nguyễn Thị Hòa',
  windowStart: '2026-01-05T01:00:00.000Z',
  windowEnd: '2026-01-05T04:00:00.000Z',
};
const SAMPLE_PICKUP_FAILURE = {
  reference: 'TG-260105-0001',
  procedureName: 'Đăng ký khai sinh',
  reason: 'Không có người nhận tại địa chỉ',
  failedAt: '2026-01-05T03:10:00.000Z',
};
const SAMPLE_ATTEMPT_FAILURE = {
  code: SAMPLE_CODE,
  reason: 'Người nhận vắng nhà',
  attempt: '1',
  maxAttempts: '3',
  lookupLink: SAMPLE_LINK,
};

/**
 * Template keys: a purpose may have variants (the result-ready text depends on how the result is
 * returned). Each (key, channel) has versions in the `template` table; the latest is the active one.
 */
export const TEMPLATE_KEYS = {
  DOSSIER_RECEIVED: {
    purpose: 'DOSSIER_RECEIVED',
    description: 'Hồ sơ đã được tiếp nhận (mã hồ sơ, ngày hẹn trả, đường dẫn tra cứu)',
    placeholders: { code, procedureName: 'text', applicantName: 'text', appointment: 'datetime', lookupLink: 'url' },
    sample: {
      code: SAMPLE_CODE,
      procedureName: 'Đăng ký khai sinh',
      applicantName: 'Nguyễn Thị Hòa',
      appointment: '2026-01-06T02:00:00.000Z',
      lookupLink: SAMPLE_LINK,
    },
  },
  RESULT_READY_POST: {
    purpose: 'RESULT_READY',
    description: 'Đã có kết quả, Bưu điện sẽ chuyển phát đến địa chỉ',
    placeholders: { code, lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, lookupLink: SAMPLE_LINK },
  },
  RESULT_READY_COUNTER: {
    purpose: 'RESULT_READY',
    description: 'Đã có kết quả, nhận tại Bộ phận Một cửa',
    placeholders: { code, lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, lookupLink: SAMPLE_LINK },
  },
  RESULT_READY_ONLINE: {
    purpose: 'RESULT_READY',
    description: 'Đã có kết quả điện tử',
    placeholders: { code, lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, lookupLink: SAMPLE_LINK },
  },
  RESULT_DELIVERED: {
    purpose: 'RESULT_DELIVERED',
    description: 'Bưu điện đã phát kết quả đến công dân',
    placeholders: { code, deliveredAt: 'datetime', lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, deliveredAt: '2026-01-07T03:30:00.000Z', lookupLink: SAMPLE_LINK },
  },
  SUPPLEMENT_REQUESTED: {
    purpose: 'SUPPLEMENT_REQUESTED',
    description: 'Cơ quan yêu cầu bổ sung hồ sơ (lý do, giấy tờ cần bổ sung)',
    placeholders: { code, reason: 'text', items: 'text', requestedAt: 'datetime', lookupLink: 'url' },
    sample: {
      code: SAMPLE_CODE,
      reason: 'Thiếu giấy chứng sinh bản chính',
      items: 'Giấy chứng sinh (bản chính)',
      requestedAt: '2026-01-05T07:00:00.000Z',
      lookupLink: SAMPLE_LINK,
    },
  },
  REFUSED: {
    purpose: 'REFUSED',
    description: 'Cơ quan từ chối giải quyết hồ sơ (lý do)',
    placeholders: { code, reason: 'text', lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, reason: 'Hồ sơ không thuộc thẩm quyền giải quyết', lookupLink: SAMPLE_LINK },
  },
  EXTENDED: {
    purpose: 'EXTENDED',
    description: 'Xin lỗi và hẹn lại ngày trả kết quả (lý do, ngày hẹn mới)',
    placeholders: { code, reason: 'text', newAppointment: 'datetime', lookupLink: 'url' },
    sample: {
      code: SAMPLE_CODE,
      reason: 'Cần xác minh thêm thông tin tại địa phương',
      newAppointment: '2026-01-09T02:00:00.000Z',
      lookupLink: SAMPLE_LINK,
    },
  },
  STOPPED: {
    purpose: 'STOPPED',
    description: 'Cơ quan dừng xử lý hồ sơ (lý do)',
    placeholders: { code, reason: 'text', lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, reason: 'Công dân đề nghị dừng giải quyết', lookupLink: SAMPLE_LINK },
  },
  RESULT_HELD_AT_COUNTER: {
    purpose: 'RESULT_HELD_AT_COUNTER',
    description: 'Bưu điện không phát được, kết quả được lưu tại Bộ phận Một cửa',
    placeholders: { code, returnedAt: 'datetime', lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, returnedAt: '2026-01-09T03:00:00.000Z', lookupLink: SAMPLE_LINK },
  },
  RESULT_HELD_AT_COUNTER_NOT_BY_POST: {
    purpose: 'RESULT_HELD_AT_COUNTER',
    description: 'Kết quả không chuyển phát qua bưu điện (hủy đơn hoặc thủ tục không cho phép), lưu tại Bộ phận Một cửa (lý do)',
    placeholders: { code, reason: 'text', lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, reason: 'Công dân đề nghị nhận kết quả trực tiếp', lookupLink: SAMPLE_LINK },
  },
  PICKUP_SCHEDULED: {
    purpose: 'PICKUP_SCHEDULED',
    description: 'Bưu điện sẽ đến thu gom hồ sơ (khung giờ hẹn)',
    placeholders: { reference: 'text', procedureName: 'text', applicantName: 'text', windowStart: 'datetime', windowEnd: 'datetime' },
    sample: SAMPLE_PICKUP,
  },
  PICKUP_FAILED_RETRY: {
    purpose: 'PICKUP_FAILED',
    description: 'Bưu điện chưa thu gom được hồ sơ, sẽ đến lại (lý do)',
    placeholders: { reference: 'text', procedureName: 'text', reason: 'text', failedAt: 'datetime' },
    sample: SAMPLE_PICKUP_FAILURE,
  },
  PICKUP_FAILED_FINAL: {
    purpose: 'PICKUP_FAILED',
    description: 'Bưu điện không thu gom được hồ sơ, dừng thu gom (lý do, nộp trực tiếp)',
    placeholders: { reference: 'text', procedureName: 'text', reason: 'text', failedAt: 'datetime' },
    sample: SAMPLE_PICKUP_FAILURE,
  },
  OUT_FOR_DELIVERY: {
    purpose: 'OUT_FOR_DELIVERY',
    description: 'Bưu tá đang phát kết quả (không thu tiền)',
    placeholders: { code, trackingNumber: 'text', lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, trackingNumber: 'EB123456789VN', lookupLink: SAMPLE_LINK },
  },
  OUT_FOR_DELIVERY_COD: {
    purpose: 'OUT_FOR_DELIVERY',
    description: 'Bưu tá đang phát kết quả, thu tiền khi phát (số tiền)',
    placeholders: { code, trackingNumber: 'text', amount: 'money', lookupLink: 'url' },
    sample: { code: SAMPLE_CODE, trackingNumber: 'EB123456789VN', amount: '35000', lookupLink: SAMPLE_LINK },
  },
  DELIVERY_ATTEMPT_FAILED_RETRY: {
    purpose: 'DELIVERY_ATTEMPT_FAILED',
    description: 'Phát kết quả không thành công, bưu tá sẽ phát lại (lý do)',
    placeholders: { code, reason: 'text', attempt: 'text', maxAttempts: 'text', lookupLink: 'url' },
    sample: SAMPLE_ATTEMPT_FAILURE,
  },
  DELIVERY_ATTEMPT_FAILED_FINAL: {
    purpose: 'DELIVERY_ATTEMPT_FAILED',
    description: 'Phát kết quả không thành công lần cuối, kết quả được chuyển về Bộ phận Một cửa (lý do)',
    placeholders: { code, reason: 'text', attempt: 'text', maxAttempts: 'text', lookupLink: 'url' },
    sample: SAMPLE_ATTEMPT_FAILURE,
  },
} as const satisfies Record<string, TemplateKeyDefinition>;
export type TemplateKey = keyof typeof TEMPLATE_KEYS;
export const TEMPLATE_KEY_NAMES = Object.keys(TEMPLATE_KEYS) as TemplateKey[];

export interface TemplateContent {
  /** E-mail only. */
  subject?: string;
  body: string;
  /** Zalo only: the ZNS template registered with Zalo; its parameters are the body's placeholders. */
  znsTemplateId?: string;
}

/**
 * The texts of one template key: the short text goes by SMS and, as the parameters of the ZNS
 * template registered with Zalo, by Zalo; the e-mail carries the subject and the letter.
 */
function byChannel(t: {
  short: string;
  znsTemplateId: string;
  subject: string;
  letter: string;
}): Record<NotificationChannel, TemplateContent> {
  return {
    SMS: { body: t.short },
    ZALO: { znsTemplateId: t.znsTemplateId, body: t.short },
    EMAIL: { subject: t.subject, body: t.letter },
  };
}

/** Version 1 of every (key, channel): seeded at start when absent. Vietnamese, NFC, with diacritics. */
export const DEFAULT_TEMPLATES: Record<TemplateKey, Record<NotificationChannel, TemplateContent>> = {
  DOSSIER_RECEIVED: byChannel({
    short:
      'Hồ sơ {code} ({procedureName}) của Ông/Bà {applicantName} đã được tiếp nhận. Hẹn trả kết quả: {appointment}. Tra cứu: {lookupLink}',
    znsTemplateId: '300001',
    subject: 'Hồ sơ {code} đã được tiếp nhận',
    letter:
      'Kính gửi Ông/Bà {applicantName},\n\nHồ sơ {code} ({procedureName}) của Ông/Bà đã được tiếp nhận.\n' +
      'Thời gian hẹn trả kết quả: {appointment}.\nÔng/Bà có thể tra cứu tình trạng hồ sơ tại: {lookupLink}\n\n' +
      'Trân trọng,\nBộ phận Một cửa',
  }),
  RESULT_READY_POST: byChannel({
    short: 'Hồ sơ {code} đã có kết quả. Kết quả sẽ được Bưu điện chuyển phát đến địa chỉ Ông/Bà đã đăng ký. Tra cứu: {lookupLink}',
    znsTemplateId: '300002',
    subject: 'Hồ sơ {code} đã có kết quả',
    letter:
      'Kính gửi Ông/Bà,\n\nHồ sơ {code} đã có kết quả. Kết quả sẽ được Bưu điện chuyển phát đến địa chỉ Ông/Bà đã đăng ký.\n' +
      'Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  RESULT_READY_COUNTER: byChannel({
    short:
      'Hồ sơ {code} đã có kết quả. Mời Ông/Bà mang Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa nơi đã nộp hồ sơ để nhận kết quả. Tra cứu: {lookupLink}',
    znsTemplateId: '300003',
    subject: 'Hồ sơ {code} đã có kết quả',
    letter:
      'Kính gửi Ông/Bà,\n\nHồ sơ {code} đã có kết quả. Mời Ông/Bà mang Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa nơi đã nộp hồ sơ để nhận kết quả.\n' +
      'Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  RESULT_READY_ONLINE: byChannel({
    short: 'Hồ sơ {code} đã có kết quả. Ông/Bà nhận kết quả điện tử tại: {lookupLink}',
    znsTemplateId: '300004',
    subject: 'Hồ sơ {code} đã có kết quả',
    letter: 'Kính gửi Ông/Bà,\n\nHồ sơ {code} đã có kết quả. Ông/Bà nhận kết quả điện tử tại: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  RESULT_DELIVERED: byChannel({
    short:
      'Bưu điện đã phát kết quả hồ sơ {code} đến Ông/Bà lúc {deliveredAt}. Cảm ơn Ông/Bà đã sử dụng dịch vụ. Đánh giá mức độ hài lòng: {lookupLink}',
    znsTemplateId: '300005',
    subject: 'Kết quả hồ sơ {code} đã được phát',
    letter:
      'Kính gửi Ông/Bà,\n\nBưu điện đã phát kết quả hồ sơ {code} đến Ông/Bà lúc {deliveredAt}. Cảm ơn Ông/Bà đã sử dụng dịch vụ.\n' +
      'Đánh giá mức độ hài lòng: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  SUPPLEMENT_REQUESTED: byChannel({
    short:
      'Hồ sơ {code} cần bổ sung: {items}. Lý do: {reason}. Mời Ông/Bà bổ sung tại Bộ phận Một cửa để tiếp tục giải quyết. Tra cứu: {lookupLink}',
    znsTemplateId: '300006',
    subject: 'Hồ sơ {code} cần bổ sung',
    letter:
      'Kính gửi Ông/Bà,\n\nNgày {requestedAt}, cơ quan giải quyết đề nghị bổ sung hồ sơ {code}.\n' +
      'Giấy tờ cần bổ sung: {items}.\nLý do: {reason}.\n' +
      'Thời gian giải quyết tạm dừng cho đến khi Ông/Bà nộp đủ giấy tờ bổ sung tại Bộ phận Một cửa.\n' +
      'Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  REFUSED: byChannel({
    short: 'Hồ sơ {code} không được giải quyết. Lý do: {reason}. Xin lỗi Ông/Bà. Chi tiết: {lookupLink}',
    znsTemplateId: '300007',
    subject: 'Hồ sơ {code} không được giải quyết',
    letter:
      'Kính gửi Ông/Bà,\n\nCơ quan có thẩm quyền không giải quyết hồ sơ {code}.\nLý do: {reason}.\n' +
      'Mời Ông/Bà đến Bộ phận Một cửa để nhận lại hồ sơ và văn bản trả lời. Chi tiết: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  EXTENDED: byChannel({
    short: 'Xin lỗi Ông/Bà: hồ sơ {code} chưa thể trả kết quả đúng hẹn. Lý do: {reason}. Hẹn lại: {newAppointment}. Tra cứu: {lookupLink}',
    znsTemplateId: '300009',
    subject: 'Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}',
    letter:
      'Kính gửi Ông/Bà,\n\nCơ quan giải quyết chân thành xin lỗi Ông/Bà vì hồ sơ {code} chưa thể trả kết quả đúng hẹn.\n' +
      'Lý do: {reason}.\nThời gian hẹn trả kết quả mới: {newAppointment}.\nTra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  STOPPED: byChannel({
    short: 'Hồ sơ {code} đã dừng xử lý. Lý do: {reason}. Chi tiết: {lookupLink}',
    znsTemplateId: '300010',
    subject: 'Hồ sơ {code} đã dừng xử lý',
    letter:
      'Kính gửi Ông/Bà,\n\nHồ sơ {code} đã dừng xử lý.\nLý do: {reason}.\n' +
      'Mời Ông/Bà liên hệ Bộ phận Một cửa để biết thêm chi tiết. Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  RESULT_HELD_AT_COUNTER: byChannel({
    short:
      'Bưu điện không phát được kết quả hồ sơ {code}; kết quả đã được chuyển về Bộ phận Một cửa lúc {returnedAt}. Mời Ông/Bà mang Giấy tiếp nhận đến nhận. Tra cứu: {lookupLink}',
    znsTemplateId: '300008',
    subject: 'Kết quả hồ sơ {code} được lưu tại Bộ phận Một cửa',
    letter:
      'Kính gửi Ông/Bà,\n\nBưu điện không phát được kết quả hồ sơ {code}; kết quả đã được chuyển về Bộ phận Một cửa lúc {returnedAt}.\n' +
      'Mời Ông/Bà mang Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa để nhận kết quả.\nTra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  RESULT_HELD_AT_COUNTER_NOT_BY_POST: byChannel({
    short:
      'Kết quả hồ sơ {code} sẽ không được chuyển phát qua Bưu điện. Lý do: {reason}. Mời Ông/Bà mang Giấy tiếp nhận đến Bộ phận Một cửa để nhận kết quả. Tra cứu: {lookupLink}',
    znsTemplateId: '300018',
    subject: 'Kết quả hồ sơ {code} được lưu tại Bộ phận Một cửa',
    letter:
      'Kính gửi Ông/Bà,\n\nKết quả hồ sơ {code} sẽ không được chuyển phát qua Bưu điện.\nLý do: {reason}.\n' +
      'Kết quả được lưu tại Bộ phận Một cửa nơi Ông/Bà đã nộp hồ sơ; mời Ông/Bà mang Giấy tiếp nhận hồ sơ đến để nhận kết quả.\n' +
      'Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  PICKUP_SCHEDULED: byChannel({
    short:
      'Bưu điện sẽ đến nhận hồ sơ {procedureName} (mã thu gom {reference}) của Ông/Bà {applicantName} từ {windowStart} đến {windowEnd}. Mời Ông/Bà chuẩn bị đầy đủ giấy tờ.',
    znsTemplateId: '300011',
    subject: 'Bưu điện sẽ đến nhận hồ sơ {procedureName} (mã thu gom {reference})',
    letter:
      'Kính gửi Ông/Bà {applicantName},\n\nBưu điện sẽ đến địa chỉ Ông/Bà đã đăng ký để nhận hồ sơ {procedureName} (mã thu gom {reference})\n' +
      'trong khoảng thời gian từ {windowStart} đến {windowEnd}.\n' +
      'Mời Ông/Bà chuẩn bị đầy đủ giấy tờ theo yêu cầu của thủ tục. Mã hồ sơ sẽ được gửi khi Bộ phận Một cửa tiếp nhận hồ sơ.\n\n' +
      'Trân trọng,\nBộ phận Một cửa',
  }),
  PICKUP_FAILED_RETRY: byChannel({
    short:
      'Bưu điện chưa nhận được hồ sơ {procedureName} (mã thu gom {reference}) lúc {failedAt}. Lý do: {reason}. Bưu điện sẽ liên hệ và đến nhận lại.',
    znsTemplateId: '300012',
    subject: 'Bưu điện chưa nhận được hồ sơ {procedureName} (mã thu gom {reference})',
    letter:
      'Kính gửi Ông/Bà,\n\nLúc {failedAt}, Bưu điện chưa nhận được hồ sơ {procedureName} (mã thu gom {reference}).\nLý do: {reason}.\n' +
      'Bưu điện sẽ liên hệ với Ông/Bà và đến nhận lại hồ sơ.\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  PICKUP_FAILED_FINAL: byChannel({
    short:
      'Bưu điện không nhận được hồ sơ {procedureName} (mã thu gom {reference}). Lý do: {reason}. Yêu cầu thu gom đã dừng; mời Ông/Bà nộp hồ sơ tại Bộ phận Một cửa hoặc đăng ký thu gom lại.',
    znsTemplateId: '300013',
    subject: 'Bưu điện không nhận được hồ sơ {procedureName} (mã thu gom {reference})',
    letter:
      'Kính gửi Ông/Bà,\n\nLúc {failedAt}, Bưu điện không nhận được hồ sơ {procedureName} (mã thu gom {reference}).\nLý do: {reason}.\n' +
      'Yêu cầu thu gom đã dừng. Mời Ông/Bà nộp hồ sơ trực tiếp tại Bộ phận Một cửa hoặc đăng ký thu gom lại.\n\n' +
      'Trân trọng,\nBộ phận Một cửa',
  }),
  OUT_FOR_DELIVERY: byChannel({
    short:
      'Bưu tá đang phát kết quả hồ sơ {code} (bưu gửi {trackingNumber}) đến Ông/Bà. Mời Ông/Bà chuẩn bị giấy tờ tùy thân để nhận. Tra cứu: {lookupLink}',
    znsTemplateId: '300014',
    subject: 'Kết quả hồ sơ {code} đang được phát',
    letter:
      'Kính gửi Ông/Bà,\n\nBưu tá đang phát kết quả hồ sơ {code} (bưu gửi {trackingNumber}) đến địa chỉ Ông/Bà đã đăng ký.\n' +
      'Mời Ông/Bà chuẩn bị giấy tờ tùy thân để nhận kết quả.\nTra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  OUT_FOR_DELIVERY_COD: byChannel({
    short:
      'Bưu tá đang phát kết quả hồ sơ {code} (bưu gửi {trackingNumber}) đến Ông/Bà. Số tiền cần thanh toán khi nhận: {amount}. Tra cứu: {lookupLink}',
    znsTemplateId: '300015',
    subject: 'Kết quả hồ sơ {code} đang được phát',
    letter:
      'Kính gửi Ông/Bà,\n\nBưu tá đang phát kết quả hồ sơ {code} (bưu gửi {trackingNumber}) đến địa chỉ Ông/Bà đã đăng ký.\n' +
      'Số tiền Ông/Bà cần thanh toán cho bưu tá khi nhận: {amount}.\nMời Ông/Bà chuẩn bị giấy tờ tùy thân để nhận kết quả.\n' +
      'Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  DELIVERY_ATTEMPT_FAILED_RETRY: byChannel({
    short:
      'Bưu điện phát kết quả hồ sơ {code} không thành công (lần {attempt}/{maxAttempts}). Lý do: {reason}. Bưu tá sẽ phát lại. Tra cứu: {lookupLink}',
    znsTemplateId: '300016',
    subject: 'Phát kết quả hồ sơ {code} không thành công, bưu tá sẽ phát lại',
    letter:
      'Kính gửi Ông/Bà,\n\nBưu điện phát kết quả hồ sơ {code} không thành công (lần {attempt}/{maxAttempts}).\nLý do: {reason}.\n' +
      'Bưu tá sẽ phát lại; mời Ông/Bà sắp xếp để nhận kết quả.\nTra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
  DELIVERY_ATTEMPT_FAILED_FINAL: byChannel({
    short:
      'Bưu điện phát kết quả hồ sơ {code} không thành công (lần {attempt}/{maxAttempts}). Lý do: {reason}. Bưu điện không phát lại; kết quả sẽ được chuyển về Bộ phận Một cửa. Tra cứu: {lookupLink}',
    znsTemplateId: '300017',
    subject: 'Phát kết quả hồ sơ {code} không thành công',
    letter:
      'Kính gửi Ông/Bà,\n\nBưu điện phát kết quả hồ sơ {code} không thành công (lần {attempt}/{maxAttempts}).\nLý do: {reason}.\n' +
      'Bưu điện không phát lại; kết quả sẽ được chuyển về Bộ phận Một cửa, nơi Ông/Bà có thể nhận khi mang theo Giấy tiếp nhận hồ sơ.\n' +
      'Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
  }),
};
