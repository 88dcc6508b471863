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
} as const;
export type Purpose = (typeof PURPOSES)[keyof typeof PURPOSES];

/**
 * Typed placeholders. Values are checked against their type in previews and formatted for Vietnamese
 * readers when messages are rendered (`datetime` → "09:00 ngày 06/01/2026", Asia/Ho_Chi_Minh).
 */
export type PlaceholderType = 'dossierCode' | 'text' | 'datetime' | 'url';

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

/** Version 1 of every (key, channel): seeded at start when absent. Vietnamese, NFC, with diacritics. */
export const DEFAULT_TEMPLATES: Record<TemplateKey, Record<NotificationChannel, TemplateContent>> = {
  DOSSIER_RECEIVED: {
    SMS: {
      body: 'Hồ sơ {code} ({procedureName}) của Ông/Bà {applicantName} đã được tiếp nhận. Hẹn trả kết quả: {appointment}. Tra cứu: {lookupLink}',
    },
    ZALO: {
      znsTemplateId: '300001',
      body: 'Hồ sơ {code} ({procedureName}) của Ông/Bà {applicantName} đã được tiếp nhận. Hẹn trả kết quả: {appointment}. Tra cứu: {lookupLink}',
    },
    EMAIL: {
      subject: 'Hồ sơ {code} đã được tiếp nhận',
      body:
        'Kính gửi Ông/Bà {applicantName},\n\nHồ sơ {code} ({procedureName}) của Ông/Bà đã được tiếp nhận.\n' +
        'Thời gian hẹn trả kết quả: {appointment}.\nÔng/Bà có thể tra cứu tình trạng hồ sơ tại: {lookupLink}\n\n' +
        'Trân trọng,\nBộ phận Một cửa',
    },
  },
  RESULT_READY_POST: {
    SMS: {
      body: 'Hồ sơ {code} đã có kết quả. Kết quả sẽ được Bưu điện chuyển phát đến địa chỉ Ông/Bà đã đăng ký. Tra cứu: {lookupLink}',
    },
    ZALO: {
      znsTemplateId: '300002',
      body: 'Hồ sơ {code} đã có kết quả. Kết quả sẽ được Bưu điện chuyển phát đến địa chỉ Ông/Bà đã đăng ký. Tra cứu: {lookupLink}',
    },
    EMAIL: {
      subject: 'Hồ sơ {code} đã có kết quả',
      body:
        'Kính gửi Ông/Bà,\n\nHồ sơ {code} đã có kết quả. Kết quả sẽ được Bưu điện chuyển phát đến địa chỉ Ông/Bà đã đăng ký.\n' +
        'Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
    },
  },
  RESULT_READY_COUNTER: {
    SMS: {
      body: 'Hồ sơ {code} đã có kết quả. Mời Ông/Bà mang Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa nơi đã nộp hồ sơ để nhận kết quả. Tra cứu: {lookupLink}',
    },
    ZALO: {
      znsTemplateId: '300003',
      body: 'Hồ sơ {code} đã có kết quả. Mời Ông/Bà mang Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa nơi đã nộp hồ sơ để nhận kết quả. Tra cứu: {lookupLink}',
    },
    EMAIL: {
      subject: 'Hồ sơ {code} đã có kết quả',
      body:
        'Kính gửi Ông/Bà,\n\nHồ sơ {code} đã có kết quả. Mời Ông/Bà mang Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa nơi đã nộp hồ sơ để nhận kết quả.\n' +
        'Tra cứu: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
    },
  },
  RESULT_READY_ONLINE: {
    SMS: { body: 'Hồ sơ {code} đã có kết quả. Ông/Bà nhận kết quả điện tử tại: {lookupLink}' },
    ZALO: { znsTemplateId: '300004', body: 'Hồ sơ {code} đã có kết quả. Ông/Bà nhận kết quả điện tử tại: {lookupLink}' },
    EMAIL: {
      subject: 'Hồ sơ {code} đã có kết quả',
      body: 'Kính gửi Ông/Bà,\n\nHồ sơ {code} đã có kết quả. Ông/Bà nhận kết quả điện tử tại: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
    },
  },
  RESULT_DELIVERED: {
    SMS: {
      body: 'Bưu điện đã phát kết quả hồ sơ {code} đến Ông/Bà lúc {deliveredAt}. Cảm ơn Ông/Bà đã sử dụng dịch vụ. Đánh giá mức độ hài lòng: {lookupLink}',
    },
    ZALO: {
      znsTemplateId: '300005',
      body: 'Bưu điện đã phát kết quả hồ sơ {code} đến Ông/Bà lúc {deliveredAt}. Cảm ơn Ông/Bà đã sử dụng dịch vụ. Đánh giá mức độ hài lòng: {lookupLink}',
    },
    EMAIL: {
      subject: 'Kết quả hồ sơ {code} đã được phát',
      body:
        'Kính gửi Ông/Bà,\n\nBưu điện đã phát kết quả hồ sơ {code} đến Ông/Bà lúc {deliveredAt}. Cảm ơn Ông/Bà đã sử dụng dịch vụ.\n' +
        'Đánh giá mức độ hài lòng: {lookupLink}\n\nTrân trọng,\nBộ phận Một cửa',
    },
  },
};
