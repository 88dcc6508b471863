import { toLocalIso } from '@motcua/calendar';
import { StaffAlert } from './staff-alert.entity';

export interface AgencyDigest {
  agencyCode: string;
  overdue: ReturnType<typeof alertView>[];
  dueSoon: ReturnType<typeof alertView>[];
  emailedAt: string | null;
}

export function alertView(a: StaffAlert) {
  return {
    dossierCode: a.dossierCode,
    stepId: a.stepId,
    stepName: a.stepName,
    role: a.role,
    dueAt: toLocalIso(a.dueAt),
    detectedAt: toLocalIso(a.detectedAt),
  };
}

export function groupByAgency(alerts: StaffAlert[], runs: Map<string, Date>): AgencyDigest[] {
  const out = new Map<string, AgencyDigest>();
  for (const a of alerts) {
    let d = out.get(a.agencyCode);
    if (!d) {
      const sent = runs.get(a.agencyCode);
      d = { agencyCode: a.agencyCode, overdue: [], dueSoon: [], emailedAt: sent ? toLocalIso(sent) : null };
      out.set(a.agencyCode, d);
    }
    (a.kind === 'OVERDUE' ? d.overdue : d.dueSoon).push(alertView(a));
  }
  return [...out.values()];
}

/** The digest e-mail (Vietnamese): subject and plain-text body. */
export function digestEmail(date: string, d: AgencyDigest): { subject: string; text: string } {
  const [y, mo, da] = date.split('-');
  const line = (a: ReturnType<typeof alertView>) =>
    `- ${a.dossierCode} — ${a.stepName}${a.role ? ` (${a.role})` : ''}, hạn ${a.dueAt.slice(11, 16)} ngày ${a.dueAt.slice(8, 10)}/${a.dueAt.slice(5, 7)}/${a.dueAt.slice(0, 4)}`;
  const parts = [`Tổng hợp hồ sơ cần chú ý ngày ${da}/${mo}/${y} — đơn vị ${d.agencyCode}`, ''];
  parts.push(`Hồ sơ quá hạn (${d.overdue.length}):`, ...(d.overdue.length ? d.overdue.map(line) : ['- Không có']), '');
  parts.push(`Hồ sơ sắp đến hạn (${d.dueSoon.length}):`, ...(d.dueSoon.length ? d.dueSoon.map(line) : ['- Không có']), '');
  parts.push('Thư được gửi tự động bởi hệ thống Một cửa.');
  return {
    subject: `Tổng hợp ngày ${da}/${mo}/${y}: ${d.overdue.length} hồ sơ quá hạn, ${d.dueSoon.length} sắp đến hạn`,
    text: parts.join('\n'),
  };
}
