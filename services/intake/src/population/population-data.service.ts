import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import type { ReceiveDossierDto } from '../dossiers/receive-dossier.dto';
import { citizenIdProblem } from '../validation/vietnamese-data';
import { POPULATION_DATA, PopulationDataAdapter, PopulationRecord } from './population-data';
import { fillApplicant } from './prefill';

const PURPOSE = 'TIEP_NHAN_HO_SO';

/** Looks citizens up in the population database on behalf of a clerk, for a stated purpose. */
@Injectable()
export class PopulationDataService {
  constructor(@Inject(POPULATION_DATA) private readonly adapter: PopulationDataAdapter) {}

  /** The resident, or 404 `INTAKE.CITIZEN_NOT_FOUND`; a malformed number → 400 naming `field`. */
  async find(idNumber: string, clerk: AuthUser, procedureCode: string | undefined, field: string): Promise<PopulationRecord> {
    const problem = citizenIdProblem(idNumber);
    if (problem) throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [{ field, ...problem }]);
    const record = await this.adapter.lookup(idNumber, {
      officerId: clerk.sub,
      agencyCode: clerk.agencyCode,
      purpose: procedureCode ? `${PURPOSE}:${procedureCode}` : PURPOSE,
    });
    if (!record) {
      throw new DomainError('INTAKE.CITIZEN_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy công dân trong Cơ sở dữ liệu quốc gia về dân cư', [
        { field, rule: 'knownToPopulationData', message: 'Số định danh cá nhân không có trong Cơ sở dữ liệu quốc gia về dân cư' },
      ]);
    }
    return record;
  }

  /**
   * Counter reception with `prefillFromPopulationData: true`: the applicant's missing fields filled from
   * the population database (what the clerk typed is kept), with the list of fields filled.
   */
  async prefillReception(body: ReceiveDossierDto, clerk: AuthUser): Promise<{ body: ReceiveDossierDto; prefilled: string[] | null }> {
    if (!body.prefillFromPopulationData) return { body, prefilled: null };
    if (body.channel !== 'COUNTER') {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        {
          field: 'prefillFromPopulationData',
          rule: 'counterOnly',
          message: 'Chỉ điền sẵn từ CSDL dân cư khi tiếp nhận trực tiếp tại bộ phận một cửa',
        },
      ]);
    }
    try {
      const record = await this.find(body.applicant.idNumber, clerk, body.procedureCode, 'applicant.idNumber');
      const { applicant, filled } = fillApplicant(body.applicant, record);
      return {
        body: Object.assign(Object.create(Object.getPrototypeOf(body)) as ReceiveDossierDto, body, { applicant }),
        prefilled: filled,
      };
    } catch (err) {
      // an unknown citizen is a problem of the request (422), not "nothing found" (404) on a create
      if (err instanceof DomainError && err.code === 'INTAKE.CITIZEN_NOT_FOUND') {
        throw new DomainError('INTAKE.CITIZEN_NOT_FOUND', 'UNPROCESSABLE', err.message, err.details);
      }
      throw err;
    }
  }
}
