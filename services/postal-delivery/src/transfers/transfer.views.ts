import type { AuthUser } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { carrierStatusLabel, Manifest, stateLabel } from '../documents/documents';
import type { DeliveryOrderEvent } from '../orders/delivery-order-event.entity';
import type { DeliveryOrder } from '../orders/delivery-order.entity';
import type { PaperTransfer } from './paper-transfer.entity';

/** Roles that see the transfers of the dossiers their centre received, besides those leaving or reaching it. */
export const CENTRE_ROLES = ['COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR'] as const;

export function seesCentre(user: AuthUser): boolean {
  return user.roles.some((r) => (CENTRE_ROLES as readonly string[]).includes(r));
}

/** ADMIN: every transfer; staff: those leaving or reaching their agency, and (centre roles) those of their centre's dossiers. */
export function maySee(user: AuthUser, t: PaperTransfer): boolean {
  if (user.roles.includes('ADMIN')) return true;
  const agency = user.agencyCode;
  return t.fromAgencyCode === agency || t.toAgencyCode === agency || (seesCentre(user) && t.centreCode === agency);
}

export function transferView(t: PaperTransfer, order: DeliveryOrder | undefined) {
  return {
    id: t.id,
    dossierCode: t.dossierCode,
    purpose: t.purpose,
    stepId: t.stepId,
    stepName: t.stepName,
    fromAgencyCode: t.fromAgencyCode,
    toAgencyCode: t.toAgencyCode,
    centreCode: t.centreCode,
    orderId: t.orderId,
    reference: order?.dossierCode ?? null,
    trackingNumber: order?.trackingNumber ?? null,
    state: order?.state ?? 'PENDING',
    stateLabel: stateLabel(order?.state ?? 'PENDING'),
    carrierStatus: order?.lastCarrierStatus ?? null,
    carrierStatusLabel: carrierStatusLabel(order?.lastCarrierStatus ?? null),
    failedAttempts: order?.failedAttempts ?? 0,
    handedOverAt: t.handedOverAt ? toLocalIso(t.handedOverAt) : null,
    deliveredAt: t.deliveredAt ? toLocalIso(t.deliveredAt) : null,
    createdAt: toLocalIso(t.createdAt),
  };
}

export function timelineView(events: DeliveryOrderEvent[]) {
  return events.map((e) => ({
    at: toLocalIso(e.occurredAt),
    carrierStatus: e.carrierStatus,
    label: e.label,
    note: e.note,
    source: e.source,
  }));
}

/** The transfers an agency handed to the post on one day, as a hand-over manifest (same layout as the centre's). */
export function transferManifest(
  agency: string,
  date: string,
  transfers: PaperTransfer[],
  orders: DeliveryOrder[],
  agencyName: (agencyCode: string, centreCode: string) => string,
): Manifest {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const lines = transfers.map((t, i) => {
    const o = byId.get(t.orderId);
    return {
      no: i + 1,
      orderId: t.orderId,
      kind: 'TRANSFER',
      trackingNumber: o?.trackingNumber ?? null,
      dossierCode: t.dossierCode,
      recipientName: agencyName(t.toAgencyCode, t.centreCode),
      recipientPhone: null,
      address: t.purpose === 'RETURN' ? 'Chuyển trả hồ sơ, kết quả về nơi tiếp nhận' : `Bước xử lý: ${t.stepName ?? ''}`,
      state: o?.state ?? 'PENDING',
      stateLabel: stateLabel(o?.state ?? 'PENDING'),
      createdAt: toLocalIso(t.createdAt),
    };
  });
  return {
    centre: agency,
    date,
    carrier: 'VNPOST',
    count: lines.length,
    orders: lines,
    title: 'BẢNG KÊ GIAO NHẬN HỒ SƠ GIẤY CHUYỂN QUA BƯU ĐIỆN',
    giver: `Cơ quan giao hồ sơ — mã ${agency}`,
  };
}
