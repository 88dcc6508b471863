import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';

/** A resident as the national population database answers (see simulators/population-data). */
export interface PopulationRecord {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  gender: 'MALE' | 'FEMALE';
  permanentResidence: { line: string; communeCode: string; communeName?: string; provinceCode: string; provinceName?: string };
  phone?: string;
  email?: string;
}

/** Who looks a citizen up and why: the legal basis the population database requires. */
export interface LookupContext {
  officerId: string;
  agencyCode: string;
  /** e.g. `TIEP_NHAN_HO_SO` or `TIEP_NHAN_HO_SO:1.001193`. */
  purpose: string;
}

/** The population database lookup: the record, or null when the number is unknown. */
export interface PopulationDataAdapter {
  lookup(idNumber: string, context: LookupContext): Promise<PopulationRecord | null>;
}
export const POPULATION_DATA = Symbol('POPULATION_DATA');

/** The population database cannot answer now (not configured, down, refused us): HTTP 503. */
export class PopulationDataUnavailable extends Error {
  constructor(
    readonly code: 'INTAKE.POPULATION_DATA_NOT_CONFIGURED' | 'INTAKE.POPULATION_DATA_UNAVAILABLE',
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** Maps `PopulationDataUnavailable` to 503 in the API error format (the platform's filter has no 503). */
@Catch(PopulationDataUnavailable)
export class PopulationDataUnavailableFilter implements ExceptionFilter {
  private readonly logger = new Logger('PopulationData');

  catch(e: PopulationDataUnavailable, host: ArgumentsHost): void {
    this.logger.warn({ code: e.code, reason: e.reason }, 'population data lookup unavailable');
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(503)
      .json({ error: { code: e.code, message: e.message } });
  }
}

/** Used when POPULATION_DATA_URL is unset: every lookup is refused with a clear 503. */
export class NotConfiguredPopulationData implements PopulationDataAdapter {
  async lookup(): Promise<PopulationRecord | null> {
    throw new PopulationDataUnavailable(
      'INTAKE.POPULATION_DATA_NOT_CONFIGURED',
      'Chưa cấu hình kết nối Cơ sở dữ liệu quốc gia về dân cư (POPULATION_DATA_URL): nhập thông tin người nộp hồ sơ thủ công',
    );
  }
}

const unavailable = (reason: string) =>
  new PopulationDataUnavailable(
    'INTAKE.POPULATION_DATA_UNAVAILABLE',
    'Cơ sở dữ liệu quốc gia về dân cư tạm thời không trả lời: thử lại sau hoặc nhập thông tin thủ công',
    reason,
  );

/** `GET {baseUrl}/api/v1/citizens/{idNumber}` with the system key, the officer, the agency and the purpose. */
export class HttpPopulationData implements PopulationDataAdapter {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number,
  ) {}

  async lookup(idNumber: string, context: LookupContext): Promise<PopulationRecord | null> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}/api/v1/citizens/${encodeURIComponent(idNumber)}`;
    let res: globalThis.Response;
    try {
      res = await fetch(url, {
        headers: {
          accept: 'application/json',
          'x-api-key': this.apiKey,
          'x-officer-id': context.officerId,
          'x-agency-code': context.agencyCode,
          'x-purpose': context.purpose,
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw unavailable(err instanceof Error ? err.message : String(err));
    }
    if (res.status === 404) return null;
    if (res.status !== 200) throw unavailable(`HTTP ${res.status}`);
    const body = (await res.json().catch(() => null)) as Partial<PopulationRecord> | null;
    if (!body || typeof body.fullName !== 'string' || body.idNumber !== idNumber) throw unavailable('unexpected answer');
    return body as PopulationRecord;
  }
}
