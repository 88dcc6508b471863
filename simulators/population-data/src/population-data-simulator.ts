import type { NextFunction, Request, Response } from 'express';
import { serveSimulator, simulatorApp, sleep, type SimLogger } from '@motcua/sim-common';

/** A resident as the national population database (CSDL quốc gia về dân cư) answers it. */
export interface CitizenRecord {
  /** Số định danh cá nhân (CCCD), 12 digits. */
  idNumber: string;
  /** NFC, with diacritics. */
  fullName: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  gender: 'MALE' | 'FEMALE';
  /** Nơi thường trú: two-level address (province, commune) since 07/2025. */
  permanentResidence: { line: string; communeCode: string; communeName: string; provinceCode: string; provinceName: string };
  /** Known phone number (registered with VNeID), if any. */
  phone?: string;
  email?: string;
}

/** A lookup the simulator answered, for tests (who asked, why, and what came back). */
export interface LookupCall {
  at: string;
  idNumber: string;
  officerId: string;
  agencyCode: string;
  purpose: string;
  status: number;
}

export interface PopulationDataSimulatorOptions {
  /** The key the calling system (intake) must present in `X-Api-Key`. */
  apiKey: string;
  /** Residents known to the simulator (default: the demo residents of Thanh Hóa). */
  citizens?: CitizenRecord[];
  logger?: SimLogger;
}

const DEMO_RESIDENCE = {
  line: 'Số 12 đường Lê Lợi',
  communeCode: '14755',
  communeName: 'Phường Hạc Thành',
  provinceCode: '38',
  provinceName: 'Tỉnh Thanh Hóa',
};

/** Demo residents (fictitious people, real code structure: province of birth 038 = Thanh Hóa). */
export const DEMO_CITIZENS: CitizenRecord[] = [
  {
    idNumber: '038190001234',
    fullName: 'Nguyễn Thị Hòa',
    dateOfBirth: '1990-04-12',
    gender: 'FEMALE',
    permanentResidence: DEMO_RESIDENCE,
    phone: '0912345678',
  },
  {
    idNumber: '038085004567',
    fullName: 'Lê Văn Đức',
    dateOfBirth: '1985-09-02',
    gender: 'MALE',
    permanentResidence: {
      line: 'Thôn Phú Thọ 2',
      communeCode: '15892',
      communeName: 'Xã Đông Sơn',
      provinceCode: '38',
      provinceName: 'Tỉnh Thanh Hóa',
    },
    phone: '0987654321',
    email: 'le.duc@example.vn',
  },
  {
    idNumber: '038301000789',
    fullName: 'Trịnh Ngọc Ánh',
    dateOfBirth: '2001-12-30',
    gender: 'FEMALE',
    permanentResidence: { ...DEMO_RESIDENCE, line: 'Ngõ 5 phố Trường Thi' },
  },
  {
    idNumber: '001078000321',
    fullName: 'Phạm Quốc Hưng',
    dateOfBirth: '1978-06-15',
    gender: 'MALE',
    permanentResidence: {
      line: 'Số 8 phố Hàng Bài',
      communeCode: '00070',
      communeName: 'Phường Hoàn Kiếm',
      provinceCode: '01',
      provinceName: 'Thành phố Hà Nội',
    },
  },
];

const ID = /^\d{12}$/;

export interface EngineAnswer {
  status: number;
  body: unknown;
}

/**
 * The lookup and its rules: the calling system's key, an identified officer and a stated purpose
 * (the citizen's data is only given for a procedure being handled), 404 for unknown numbers, and
 * failures on request (`failNext` with an HTTP status, `delayMs`).
 */
export class PopulationDataEngine {
  private readonly citizens = new Map<string, CitizenRecord>();
  private calls: LookupCall[] = [];
  private failNext = 0;
  private failStatus = 503;
  private delay = 0;

  constructor(
    private readonly apiKey: string,
    private readonly initial: CitizenRecord[],
  ) {
    this.reset();
  }

  lookup(idNumber: string, headers: { apiKey?: string; officerId?: string; agencyCode?: string; purpose?: string }): EngineAnswer {
    if (headers.apiKey !== this.apiKey) return { status: 401, body: { code: 'UNAUTHORIZED', message: 'Khóa truy cập không hợp lệ' } };
    const officerId = (headers.officerId ?? '').trim();
    const purpose = (headers.purpose ?? '').trim();
    const agencyCode = (headers.agencyCode ?? '').trim();
    const record = (status: number) => this.calls.push({ at: new Date().toISOString(), idNumber, officerId, agencyCode, purpose, status });
    if (!officerId || !purpose || !agencyCode) {
      record(403);
      return {
        status: 403,
        body: {
          code: 'AUTHORIZATION_REQUIRED',
          message: 'Cần cán bộ, cơ quan và mục đích khai thác dữ liệu (X-Officer-Id, X-Agency-Code, X-Purpose)',
        },
      };
    }
    if (this.failNext > 0) {
      this.failNext -= 1;
      record(this.failStatus);
      return { status: this.failStatus, body: { code: 'UNAVAILABLE', message: 'Hệ thống đang bận (giả lập)' } };
    }
    if (!ID.test(idNumber)) {
      record(400);
      return { status: 400, body: { code: 'INVALID_ID', message: 'Số định danh cá nhân gồm 12 chữ số' } };
    }
    const citizen = this.citizens.get(idNumber);
    record(citizen ? 200 : 404);
    if (!citizen) return { status: 404, body: { code: 'NOT_FOUND', message: 'Không tìm thấy công dân' } };
    return { status: 200, body: citizen };
  }

  get delayMs(): number {
    return this.delay;
  }

  listCalls(idNumber?: string): LookupCall[] {
    return this.calls.filter((c) => !idNumber || c.idNumber === idNumber);
  }

  addCitizen(citizen: CitizenRecord): void {
    this.citizens.set(citizen.idNumber, { ...citizen, fullName: citizen.fullName.normalize('NFC') });
  }

  /** The next `failNext` lookups fail with `httpStatus` (default 503); `delayMs` delays every answer. */
  configure(patch: { failNext?: number; httpStatus?: number; delayMs?: number }) {
    if (patch.failNext !== undefined) this.failNext = Math.max(0, Math.floor(patch.failNext));
    if (patch.httpStatus !== undefined) this.failStatus = patch.httpStatus;
    if (patch.delayMs !== undefined) this.delay = Math.max(0, Math.floor(patch.delayMs));
    return { failNext: this.failNext, httpStatus: this.failStatus, delayMs: this.delay };
  }

  reset(): void {
    this.citizens.clear();
    this.initial.forEach((c) => this.addCitizen(c));
    this.calls = [];
    this.failNext = 0;
    this.failStatus = 503;
    this.delay = 0;
  }
}

export interface PopulationDataSimulator {
  app: ReturnType<typeof simulatorApp>;
  engine: PopulationDataEngine;
  close(): Promise<void>;
}

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** `GET /api/v1/citizens/{idNumber}` plus `/__sim/*` controls (calls, citizens, config, reset). */
export function createPopulationDataSimulator(options: PopulationDataSimulatorOptions): PopulationDataSimulator {
  const engine = new PopulationDataEngine(options.apiKey, options.citizens ?? DEMO_CITIZENS);
  const app = simulatorApp('100kb');
  app.get('/api/v1/citizens/:idNumber', async (req, res) => {
    if (engine.delayMs) await sleep(engine.delayMs);
    const { status, body } = engine.lookup(req.params.idNumber, {
      apiKey: header(req, 'x-api-key'),
      officerId: header(req, 'x-officer-id'),
      agencyCode: header(req, 'x-agency-code'),
      purpose: header(req, 'x-purpose'),
    });
    res.status(status).json(body);
  });
  app.get('/__sim/calls', (req, res) => {
    res.json({ items: engine.listCalls(typeof req.query.idNumber === 'string' ? req.query.idNumber : undefined) });
  });
  app.post('/__sim/citizens', (req, res) => {
    const c = req.body as Partial<CitizenRecord>;
    if (typeof c?.idNumber !== 'string' || !ID.test(c.idNumber) || typeof c.fullName !== 'string' || !c.permanentResidence) {
      res.status(400).json({ code: 'INVALID', message: 'Cần idNumber (12 chữ số), fullName, permanentResidence' });
      return;
    }
    engine.addCitizen(c as CitizenRecord);
    res.status(201).json(c);
  });
  app.post('/__sim/config', (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const n = (k: string) => (b[k] === undefined ? undefined : Number(b[k]));
    const patch = { failNext: n('failNext'), httpStatus: n('httpStatus'), delayMs: n('delayMs') };
    if (Object.values(patch).some((v) => v !== undefined && !Number.isInteger(v))) {
      res.status(400).json({ code: 'INVALID', message: 'Cấu hình không hợp lệ' });
      return;
    }
    res.json(engine.configure(patch));
  });
  app.post('/__sim/reset', (_req, res) => {
    engine.reset();
    res.json({ ok: true });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    options.logger?.warn(`population-data-sim: ${err instanceof Error ? err.message : String(err)}`);
    res.status(400).json({ code: 'INVALID', message: 'Nội dung yêu cầu không hợp lệ' });
  });
  return { app, engine, close: async () => undefined };
}

export async function startPopulationDataSimulator(options: PopulationDataSimulatorOptions & { port: number; host?: string }) {
  const { port, host = '127.0.0.1', ...rest } = options;
  return serveSimulator(createPopulationDataSimulator(rest), port, host);
}
