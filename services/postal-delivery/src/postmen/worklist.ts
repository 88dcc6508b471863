import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toLocalIso } from '@motcua/calendar';
import { stateLabel } from '../documents/documents';
import { DeliveryState } from '../carriers/vnpost-status';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { DeliveryRequest } from '../orders/delivery-request.entity';
import { PickupRequest } from '../pickups/pickup-request.entity';
import { managerOf } from '@motcua/messaging';

const OPEN_DELIVERY: DeliveryState[] = ['PENDING', 'CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED'];
const OPEN_PICKUP: DeliveryState[] = ['PENDING', 'CREATED'];

export interface WorklistItem {
  orderId: string;
  task: 'PICKUP' | 'DELIVERY';
  trackingNumber: string | null;
  reference: string;
  state: DeliveryState;
  stateLabel: string;
  failedAttempts: number;
  procedureName: string | null;
  contact: { name: string | null; phone: string | null };
  address: { line: string | null; communeCode: string | null; districtCode: string | null; provinceCode: string | null };
  window: { from: string; to: string } | null;
  note: string | null;
}

/**
 * A postman's day at one centre: pickups whose window falls on the day and not yet collected, and
 * result deliveries still to hand over (opened by the end of the day, not delivered, returning or
 * returned). Ordered as a round: by commune, then time window (items without a window after those
 * with one), then tracking number.
 */
@Injectable()
export class WorklistQuery {
  constructor(private readonly db: DataSource) {}

  async forCentre(centre: string, dayStart: Date, dayEnd: Date): Promise<WorklistItem[]> {
    const m = managerOf(this.db);
    const pickups = await m
      .getRepository(DeliveryOrder)
      .createQueryBuilder('o')
      .innerJoinAndMapOne('o.pickup', PickupRequest, 'p', 'p.order_id = o.id')
      .where("o.centre_code = :centre AND o.kind = 'PICKUP' AND o.state IN (:...open)", { centre, open: OPEN_PICKUP })
      .andWhere('p.window_from < :dayEnd AND p.window_to > :dayStart', { dayStart, dayEnd })
      .getMany();
    const deliveries = await m
      .getRepository(DeliveryOrder)
      .createQueryBuilder('o')
      .leftJoinAndMapOne('o.request', DeliveryRequest, 'r', 'r.dossier_code = o.dossier_code')
      .where("o.centre_code = :centre AND o.kind = 'RESULT_DELIVERY' AND o.state IN (:...open)", { centre, open: OPEN_DELIVERY })
      .andWhere('o.created_at < :dayEnd', { dayEnd })
      .getMany();
    const items: Array<WorklistItem & { sortFrom: number; sortTo: number }> = [];
    for (const o of pickups as Array<DeliveryOrder & { pickup: PickupRequest }>) {
      const p = o.pickup;
      items.push({
        ...base(o, 'PICKUP'),
        procedureName: p.procedureName,
        contact: { name: p.applicantName, phone: p.applicantPhone },
        address: { line: p.addressLine, communeCode: p.communeCode, districtCode: p.districtCode, provinceCode: p.provinceCode },
        window: { from: toLocalIso(p.windowFrom), to: toLocalIso(p.windowTo) },
        note: p.note,
        sortFrom: p.windowFrom.getTime(),
        sortTo: p.windowTo.getTime(),
      });
    }
    for (const o of deliveries as Array<DeliveryOrder & { request?: DeliveryRequest }>) {
      const r = o.request;
      items.push({
        ...base(o, 'DELIVERY'),
        procedureName: r?.procedureName ?? null,
        contact: { name: r?.recipientName ?? (o.recipientName || null), phone: r?.recipientPhone ?? null },
        address: {
          line: r?.addressLine ?? null,
          communeCode: r?.communeCode ?? null,
          districtCode: r?.districtCode ?? null,
          provinceCode: r?.provinceCode ?? null,
        },
        window: null,
        note: o.lastFailureReason ? `Lần trước: ${o.lastFailureReason}` : null,
        sortFrom: Number.MAX_SAFE_INTEGER,
        sortTo: Number.MAX_SAFE_INTEGER,
      });
    }
    items.sort(
      (a, b) =>
        (a.address.communeCode ?? '~').localeCompare(b.address.communeCode ?? '~') ||
        a.sortFrom - b.sortFrom ||
        a.sortTo - b.sortTo ||
        (a.trackingNumber ?? '').localeCompare(b.trackingNumber ?? ''),
    );
    return items.map(({ sortFrom: _f, sortTo: _t, ...item }) => item);
  }
}

function base(o: DeliveryOrder, task: WorklistItem['task']) {
  return {
    orderId: o.id,
    task,
    trackingNumber: o.trackingNumber,
    reference: o.dossierCode,
    state: o.state,
    stateLabel: stateLabel(o.state),
    failedAttempts: o.failedAttempts,
  };
}
