import type { NOTIFICATION_CHANNELS, ResultDeliveryMethod } from '@motcua/contracts';
import { DossierRecipient } from '../recipients/dossier-recipient.entity';

export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Message purposes. One message per (dossier, purpose, channel, recipient): the purpose is the
 * `template` column of `message`, whatever variant of the text was chosen.
 */
export const TEMPLATES = {
  /** Form 01 issued: code, appointment, lookup link. */
  DOSSIER_RECEIVED: 'DOSSIER_RECEIVED',
  /** Result ready (national status 9): where and how the citizen gets it. */
  RESULT_READY: 'RESULT_READY',
  /** The post delivered the result (national status 10, HinhThuc = 1). */
  RESULT_DELIVERED: 'RESULT_DELIVERED',
} as const;
export type TemplateName = (typeof TEMPLATES)[keyof typeof TEMPLATES];

/**
 * Vietnamese texts (NFC, with diacritics). Code constants until the template table arrives.
 * Placeholders `{name}` are filled from stored data by `renderTemplate`.
 */
export const SMS_TEXTS = {
  DOSSIER_RECEIVED:
    'Hồ sơ {code} ({procedureName}) của Ông/Bà {applicantName} đã được tiếp nhận. Hẹn trả kết quả: {appointment}. Tra cứu: {lookupLink}',
  RESULT_READY_POST:
    'Hồ sơ {code} đã có kết quả. Kết quả sẽ được Bưu điện chuyển phát đến địa chỉ Ông/Bà đã đăng ký. Tra cứu: {lookupLink}',
  RESULT_READY_COUNTER:
    'Hồ sơ {code} đã có kết quả. Mời Ông/Bà mang Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa nơi đã nộp hồ sơ để nhận kết quả. Tra cứu: {lookupLink}',
  RESULT_READY_ONLINE: 'Hồ sơ {code} đã có kết quả. Ông/Bà nhận kết quả điện tử tại: {lookupLink}',
  RESULT_DELIVERED:
    'Bưu điện đã phát kết quả hồ sơ {code} đến Ông/Bà lúc {deliveredAt}. Cảm ơn Ông/Bà đã sử dụng dịch vụ. Đánh giá mức độ hài lòng: {lookupLink}',
} as const;

export function fill(text: string, values: Record<string, string>): string {
  return text
    .replace(/\{(\w+)\}/g, (whole, key: string) => {
      const v = values[key];
      if (v === undefined) throw new Error(`Template placeholder ${whole} has no value`);
      return v;
    })
    .normalize('NFC');
}

const VN_OFFSET_MS = 7 * 3600_000;

/** "09:00 ngày 05/01/2026" in Asia/Ho_Chi_Minh. */
export function vietnameseDateTime(instant: Date): string {
  const d = new Date(instant.getTime() + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function lookupLink(baseUrl: string, dossierCode: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(dossierCode)}`;
}

export interface RenderedMessage {
  template: TemplateName;
  text: string;
}

function resultReadyText(delivery: ResultDeliveryMethod | null): string {
  if (delivery === 'POST') return SMS_TEXTS.RESULT_READY_POST;
  if (delivery === 'ONLINE') return SMS_TEXTS.RESULT_READY_ONLINE;
  return SMS_TEXTS.RESULT_READY_COUNTER;
}

/**
 * The SMS a dossier's known facts call for: nothing until `dossier.received` told us who the citizen
 * is (and only if they gave a phone), then one message per step reached — received, result ready,
 * delivered — in that order, so that events handled out of order still give each message exactly
 * once and in the order the citizen lived it. Queueing deduplicates, so calling this again after
 * every event is safe.
 */
export function dueSmsMessages(r: DossierRecipient, publicLookupUrl: string): RenderedMessage[] {
  if (!r.receivedAt || !r.phone || !r.appointmentAt) return [];
  const base = { code: r.dossierCode, lookupLink: lookupLink(publicLookupUrl, r.dossierCode) };
  const out: RenderedMessage[] = [
    {
      template: TEMPLATES.DOSSIER_RECEIVED,
      text: fill(SMS_TEXTS.DOSSIER_RECEIVED, {
        ...base,
        procedureName: r.procedureName ?? '',
        applicantName: r.applicantName ?? '',
        appointment: vietnameseDateTime(r.appointmentAt),
      }),
    },
  ];
  if (r.resolvedAt) out.push({ template: TEMPLATES.RESULT_READY, text: fill(resultReadyText(r.resultDelivery), base) });
  if (r.deliveredByPostAt) {
    out.push({
      template: TEMPLATES.RESULT_DELIVERED,
      text: fill(SMS_TEXTS.RESULT_DELIVERED, { ...base, deliveredAt: vietnameseDateTime(r.deliveredByPostAt) }),
    });
  }
  return out;
}
