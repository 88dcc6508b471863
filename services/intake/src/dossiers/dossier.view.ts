import { toLocalIso } from '@motcua/calendar';
import { Dossier } from './dossier.entity';
import { DossierTimelineEntry } from './dossier-timeline.entity';
import { NATIONAL_STATUS_LABELS } from './dossier-status';
import { receptionView } from '../reception/received-by';

export function timelineView(entries: DossierTimelineEntry[]) {
  return entries.map((e) => ({
    at: toLocalIso(e.occurredAt),
    nationalStatus: e.nationalStatus,
    statusLabel: NATIONAL_STATUS_LABELS[e.nationalStatus],
    description: e.description,
  }));
}

/** `HH:mm dd/MM/yyyy` in Vietnam's time, as printed for citizens. */
export function formatLocal(at: Date): string {
  const iso = toLocalIso(at); // 2026-11-27T17:00:00+07:00
  return `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Staff view of a dossier (entitled staff only: contains personal data). */
export function dossierView(d: Dossier) {
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    procedureVersion: d.procedureVersion ?? null,
    receivingAgencyCode: d.receivingAgencyCode,
    competentAgencyCode: d.competentAgencyCode,
    channel: d.channel,
    status: d.status,
    nationalStatus: d.nationalStatus,
    statusLabel: NATIONAL_STATUS_LABELS[d.nationalStatus],
    applicant: { fullName: d.applicantName, idNumber: d.applicantIdNumber, phone: d.applicantPhone, email: d.applicantEmail },
    resultDelivery: d.resultDelivery,
    deliveryAddress: d.deliveryAddress,
    receivedAt: toLocalIso(d.receivedAt),
    appointmentAt: toLocalIso(d.appointmentAt),
    resolvedAt: d.resolvedAt ? toLocalIso(d.resolvedAt) : null,
    returnedAt: d.returnedAt ? toLocalIso(d.returnedAt) : null,
    returnedTo: d.returnedTo,
    closedAt: d.closedAt ? toLocalIso(d.closedAt) : null,
    closedReason: d.closedReason,
    applicantResidence: d.applicantResidence ?? null,
    originalsRequiredAtReturn: d.originalsRequiredAtReturn ?? false,
    supplementDeadlineAt: d.supplementDeadlineAt ? toLocalIso(d.supplementDeadlineAt) : null,
    ...receptionView(d),
  };
}

/** "Nguyễn Thị Hòa" → "Nguyễn T. H." : enough for the citizen to recognise, nothing more. */
export function maskName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  if (parts.length === 1) return `${[...parts[0]][0]}.`;
  return [parts[0], ...parts.slice(1).map((p) => `${[...p][0]}.`)].join(' ');
}
