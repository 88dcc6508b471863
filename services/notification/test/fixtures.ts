import type { DossierReceivedV1, DossierResolvedV1 } from '@motcua/contracts';

export const SECRET = 'notification-test-secret';
export const SMS_API_KEY = 'sms-test-key';
export const AGENCY = '000.00.06.H56';

let serial = 0;
/** A fresh dossier code (unique per test run). */
export function dossierCode(agency = AGENCY, day = '260105'): string {
  serial += 1;
  return `${agency}-${day}-${String(1000 + serial + Math.floor(Math.random() * 8000)).padStart(4, '0')}${serial}`;
}

/** A fresh mobile number. */
export function phone(): string {
  return `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export function received(code: string, over: Partial<DossierReceivedV1> = {}): DossierReceivedV1 {
  return {
    dossierCode: code,
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    receivingAgencyCode: AGENCY,
    competentAgencyCode: AGENCY,
    channel: 'COUNTER',
    receivedAt: '2026-01-05T02:00:00.000Z',
    appointmentAt: '2026-01-06T02:00:00.000Z', // 09:00 ngày 06/01/2026 local
    resultDelivery: 'COUNTER',
    applicant: { fullName: 'Nguyễn Thị Hòa', phone: phone() },
    ...over,
  };
}

export const resolved = (code: string): DossierResolvedV1 => ({
  dossierCode: code,
  resolvingAgencyCode: AGENCY,
  resolvedAt: '2026-01-05T08:00:00.000Z',
  appointmentAt: '2026-01-06T02:00:00.000Z',
  timeliness: 'EARLY',
  resultSummary: 'Đã cấp giấy khai sinh',
});

export interface ApiMessage {
  id: string;
  template: string;
  channel: string;
  status: string;
  subject: string | null;
  text: string;
  recipient: string;
  attempts: number;
  lastError: string | null;
  templateKey: string | null;
  templateVersion: number | null;
  encoding: string | null;
  segments: number | null;
  fallbackOf: string | null;
  urgent: boolean;
  gatewayMessageId: string | null;
  nextAttemptAt: string | null;
}
