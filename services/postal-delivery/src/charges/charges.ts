import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { ProcedurePostalConfig } from './procedure-postal-config.entity';

export interface ProcedureConfigInput {
  postage: number;
  codAmount: number;
  paperTransfer?: boolean;
  postageFromTariff?: boolean;
  feesOnDelivery?: boolean;
  postageOnDelivery?: boolean;
}

export interface ProcedureCharges {
  postage: number;
  codAmount: number;
  paperTransfer: boolean;
  postageFromTariff: boolean;
  feesOnDelivery: boolean;
  postageOnDelivery: boolean;
}

/** Per-procedure postal settings (postage, COD, paper transfer); a procedure without a row: 0, 0, no transfer. */
@Injectable()
export class ProcedureConfigRepository {
  constructor(private readonly db: DataSource) {}

  async forProcedure(m: EntityManager, procedureCode: string | null | undefined): Promise<ProcedureCharges> {
    const row = procedureCode ? await m.getRepository(ProcedurePostalConfig).findOne({ where: { procedureCode } }) : null;
    return {
      postage: row?.postage ?? 0,
      codAmount: row?.codAmount ?? 0,
      paperTransfer: row?.paperTransfer ?? false,
      postageFromTariff: row?.postageFromTariff ?? false,
      feesOnDelivery: row?.feesOnDelivery ?? false,
      postageOnDelivery: row?.postageOnDelivery ?? false,
    };
  }

  async upsert(procedureCode: string, input: ProcedureConfigInput, user: AuthUser): Promise<ProcedurePostalConfig> {
    const repo = this.db.getRepository(ProcedurePostalConfig);
    await repo.upsert(
      {
        procedureCode,
        postage: input.postage,
        codAmount: input.codAmount,
        paperTransfer: input.paperTransfer ?? false,
        postageFromTariff: input.postageFromTariff ?? false,
        feesOnDelivery: input.feesOnDelivery ?? false,
        postageOnDelivery: input.postageOnDelivery ?? false,
        updatedBy: user.sub,
      },
      ['procedureCode'],
    );
    return repo.findOneByOrFail({ procedureCode });
  }

  list(): Promise<ProcedurePostalConfig[]> {
    return this.db.getRepository(ProcedurePostalConfig).find({ order: { procedureCode: 'ASC' } });
  }
}

export type ReconciliationStatus = 'MATCHED' | 'NOT_REPORTED' | 'AMOUNT_MISMATCH' | 'UNEXPECTED';

export interface ReconciliationLine {
  no: number;
  orderId: string;
  trackingNumber: string | null;
  reference: string;
  kind: string;
  state: string;
  postage: number;
  codExpected: number;
  /** Of the expected COD: the dossier's fees and the postage the citizen pays at the door. */
  codFees: number;
  codPostage: number;
  codReported: number | null;
  codPaidAt: string | null;
  status: ReconciliationStatus;
}

export interface Reconciliation {
  centre: string;
  date: string;
  totals: { orders: number; postage: number; codExpected: number; codReported: number; discrepancies: number };
  /** What the expected COD is made of: fees, postage paid at the door, other (the procedure's fixed amount). */
  codBreakdown: { fees: number; postage: number; other: number };
  lines: ReconciliationLine[];
  discrepancies: ReconciliationLine[];
}

/**
 * COD and postage of a centre's orders opened on one local day: expected (what we asked the carrier to
 * collect) against reported (VNPost 21, COD paid over). A COD order not reported, reported with another
 * amount, or a report for an order without COD is a discrepancy.
 */
export function reconcile(centre: string, date: string, orders: DeliveryOrder[]): Reconciliation {
  const lines = orders
    .filter((o) => o.postage > 0 || o.codAmount > 0 || o.codPaidAt)
    .map((o, i): ReconciliationLine => {
      const reported = o.codPaidAt ? (o.codPaidAmount ?? 0) : null;
      const status: ReconciliationStatus =
        o.codAmount === 0
          ? reported === null
            ? 'MATCHED'
            : 'UNEXPECTED'
          : reported === null
            ? 'NOT_REPORTED'
            : reported === o.codAmount
              ? 'MATCHED'
              : 'AMOUNT_MISMATCH';
      return {
        no: i + 1,
        orderId: o.id,
        trackingNumber: o.trackingNumber,
        reference: o.dossierCode,
        kind: o.kind,
        state: o.state,
        postage: o.postage,
        codExpected: o.codAmount,
        codFees: o.codFees ?? 0,
        codPostage: o.codPostage ?? 0,
        codReported: reported,
        codPaidAt: o.codPaidAt ? toLocalIso(o.codPaidAt) : null,
        status,
      };
    });
  const discrepancies = lines.filter((l) => l.status !== 'MATCHED');
  return {
    centre,
    date,
    totals: {
      orders: lines.length,
      postage: lines.reduce((s, l) => s + l.postage, 0),
      codExpected: lines.reduce((s, l) => s + l.codExpected, 0),
      codReported: lines.reduce((s, l) => s + (l.codReported ?? 0), 0),
      discrepancies: discrepancies.length,
    },
    codBreakdown: {
      fees: lines.reduce((s, l) => s + l.codFees, 0),
      postage: lines.reduce((s, l) => s + l.codPostage, 0),
      other: lines.reduce((s, l) => s + l.codExpected - l.codFees - l.codPostage, 0),
    },
    lines,
    discrepancies,
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s; // no formulas in spreadsheets
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The reconciliation as CSV (UTF-8 with BOM for spreadsheet programs), one line per order and a total line. */
export function reconciliationCsv(r: Reconciliation): string {
  const header = [
    'STT',
    'Số hiệu',
    'Mã hồ sơ',
    'Loại',
    'Trạng thái',
    'Cước',
    'Thu hộ dự kiến',
    'Thu hộ VNPost báo',
    'Thời điểm trả',
    'Đối soát',
  ];
  const rows = r.lines.map((l) => [
    l.no,
    l.trackingNumber,
    l.reference,
    l.kind,
    l.state,
    l.postage,
    l.codExpected,
    l.codReported,
    l.codPaidAt,
    l.status,
  ]);
  rows.push([
    '',
    '',
    '',
    '',
    'Tổng',
    r.totals.postage,
    r.totals.codExpected,
    r.totals.codReported,
    '',
    `${r.totals.discrepancies} chênh lệch`,
  ]);
  return '\ufeff' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
