import express, { type NextFunction, type Request, type Response } from 'express';
import { serveSimulator, type SimLogger } from '@motcua/sim-common';

/** A call the portal received: `{service, isUpdating, data}` as sent, with the answer given. */
export interface PortalCall {
  at: string;
  service: string;
  isUpdating: boolean;
  data: Record<string, unknown>[];
  answer: { error_code: number; message: string };
}

export interface NationalPortalSimulatorOptions {
  logger?: SimLogger;
}

const SERVICES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC', 'DongBoTrangThaiHoSo'];
const DATE = /^\d{14}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The first `Ngay…`/`ThoiDiem…` field (at any depth) not in yyyyMMddHHmmss (empty allowed), or null. */
function invalidDates(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = invalidDates(v, `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    if (/^(Ngay|ThoiDiem)/.test(k) && v !== '' && (typeof v !== 'string' || !DATE.test(v))) return `${at} phải có dạng yyyyMMddHHmmss`;
    if (typeof v === 'object') {
      const bad = invalidDates(v, at);
      if (bad) return bad;
    }
  }
  return null;
}

/** Records calls and fails the next ones on request (`failNext`, with an HTTP status or an error code). */
export class NationalPortalEngine {
  private calls: PortalCall[] = [];
  private failNext = 0;
  private failWithHttp = 0;

  receive(body: unknown): { status: number; answer: { error_code: number; message: string } } {
    const b = (body ?? {}) as { service?: unknown; isUpdating?: unknown; data?: unknown };
    if (this.failNext > 0) {
      this.failNext -= 1;
      if (this.failWithHttp) return { status: this.failWithHttp, answer: { error_code: -1, message: 'Hệ thống đang bận' } };
      return { status: 200, answer: { error_code: -1, message: 'Lỗi đồng bộ (giả lập)' } };
    }
    const invalid = this.validate(b);
    const answer = invalid ? { error_code: 1, message: invalid } : { error_code: 0, message: 'Thành công' };
    if (!invalid) {
      this.calls.push({
        at: new Date().toISOString(),
        service: b.service as string,
        isUpdating: b.isUpdating as boolean,
        data: b.data as Record<string, unknown>[],
        answer,
      });
    }
    return { status: 200, answer };
  }

  private validate(b: { service?: unknown; isUpdating?: unknown; data?: unknown }): string | null {
    if (typeof b.service !== 'string' || !SERVICES.includes(b.service)) return 'Dịch vụ không hợp lệ';
    if (typeof b.isUpdating !== 'boolean') return 'isUpdating phải là true/false';
    if (!Array.isArray(b.data) || b.data.length === 0) return 'data phải là danh sách khác rỗng';
    for (const item of b.data as Record<string, unknown>[]) {
      if (typeof item?.MaHoSo !== 'string' || item.MaHoSo === '') return 'Thiếu MaHoSo';
      const invalid = invalidDates(item, '') ?? (b.service === 'DongBoHoSoMC' ? this.validateRecordLists(item) : null);
      if (invalid) return invalid;
    }
    return null;
  }

  /** The lists of a dossier record: attached files (with SHA-256 and the three flags), result documents, fees. */
  private validateRecordLists(item: Record<string, unknown>): string | null {
    const list = (name: string): Record<string, unknown>[] | string | null => {
      const v = item[name];
      if (v === undefined) return null;
      return Array.isArray(v) && v.every((x) => x && typeof x === 'object')
        ? (v as Record<string, unknown>[])
        : `${name} phải là danh sách`;
    };
    const file = (name: string, f: Record<string, unknown>, i: number): string | null => {
      if (typeof f.TenGiayTo !== 'string' || f.TenGiayTo === '') return `${name}[${i}].TenGiayTo bắt buộc`;
      if (typeof f.MaBamSHA256 !== 'string' || !SHA256.test(f.MaBamSHA256))
        return `${name}[${i}].MaBamSHA256 phải là SHA-256 (64 ký tự hex)`;
      if (f.KichThuoc !== undefined && !(Number.isInteger(f.KichThuoc) && (f.KichThuoc as number) > 0))
        return `${name}[${i}].KichThuoc phải là số nguyên dương`;
      return null;
    };
    for (const name of ['DanhSachTepDinhKemKhac', 'DanhSachGiayToKetQua', 'DanhSachLePhi']) {
      const items = list(name);
      if (typeof items === 'string') return items;
      for (const [i, x] of (items ?? []).entries()) {
        if (name === 'DanhSachLePhi') {
          if (typeof x.TenPhiLePhi !== 'string' || x.TenPhiLePhi === '') return `DanhSachLePhi[${i}].TenPhiLePhi bắt buộc`;
          if (!Number.isInteger(x.Gia) || (x.Gia as number) < 0) return `DanhSachLePhi[${i}].Gia phải là số tiền (đồng) không âm`;
          if (![1, 2].includes(x.LoaiPhiLePhi as number)) return `DanhSachLePhi[${i}].LoaiPhiLePhi phải là 1 (phí) hoặc 2 (lệ phí)`;
          continue;
        }
        const bad = file(name, x, i);
        if (bad) return bad;
        if (name === 'DanhSachTepDinhKemKhac') {
          for (const flag of ['DuocSoHoa', 'DuocTaiSuDung', 'DuocLayTuKhoDMQG']) {
            if (![0, 1].includes(x[flag] as number)) return `DanhSachTepDinhKemKhac[${i}].${flag} phải là 0 hoặc 1`;
          }
        }
      }
    }
    return null;
  }

  listCalls(filter: { maHoSo?: string; service?: string } = {}): PortalCall[] {
    return this.calls.filter(
      (c) => (!filter.service || c.service === filter.service) && (!filter.maHoSo || c.data.some((d) => d.MaHoSo === filter.maHoSo)),
    );
  }

  /** The next `count` calls fail: with `httpStatus` (e.g. 503), or with 200 and a non-zero error_code. */
  configure(patch: { failNext?: number; httpStatus?: number }): { failNext: number; httpStatus: number } {
    if (patch.failNext !== undefined) this.failNext = Math.max(0, Math.floor(patch.failNext));
    if (patch.httpStatus !== undefined) this.failWithHttp = patch.httpStatus;
    return { failNext: this.failNext, httpStatus: this.failWithHttp };
  }

  reset(): void {
    this.calls = [];
    this.failNext = 0;
    this.failWithHttp = 0;
  }
}

export interface NationalPortalSimulator {
  app: express.Application;
  engine: NationalPortalEngine;
  close(): Promise<void>;
}

/** The national public-service portal's sync endpoint (POST /) plus `/__sim/*` controls. */
export function createNationalPortalSimulator(options: NationalPortalSimulatorOptions = {}): NationalPortalSimulator {
  const engine = new NationalPortalEngine();
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.post('/', (req, res) => {
    const { status, answer } = engine.receive(req.body);
    res.status(status).json(answer);
  });
  app.get('/__sim/calls', (req, res) => {
    const maHoSo = typeof req.query.maHoSo === 'string' ? req.query.maHoSo : undefined;
    const service = typeof req.query.service === 'string' ? req.query.service : undefined;
    res.json({ items: engine.listCalls({ maHoSo, service }) });
  });
  app.post('/__sim/config', (req, res) => {
    const b = (req.body ?? {}) as { failNext?: unknown; httpStatus?: unknown };
    const failNext = b.failNext === undefined ? undefined : Number(b.failNext);
    const httpStatus = b.httpStatus === undefined ? undefined : Number(b.httpStatus);
    if ((failNext !== undefined && !Number.isInteger(failNext)) || (httpStatus !== undefined && !Number.isInteger(httpStatus))) {
      res.status(400).json({ error_code: 1, message: 'Cấu hình không hợp lệ' });
      return;
    }
    res.json(engine.configure({ failNext, httpStatus }));
  });
  app.post('/__sim/reset', (_req, res) => {
    engine.reset();
    res.json({ ok: true });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    options.logger?.warn(`national-portal-sim: ${err instanceof Error ? err.message : String(err)}`);
    res.status(400).json({ error_code: 1, message: 'Nội dung yêu cầu không hợp lệ' });
  });
  return { app, engine, close: async () => undefined };
}

export async function startNationalPortalSimulator(options: NationalPortalSimulatorOptions & { port: number; host?: string }) {
  const { port, host = '127.0.0.1', ...rest } = options;
  return serveSimulator(createNationalPortalSimulator(rest), port, host);
}
