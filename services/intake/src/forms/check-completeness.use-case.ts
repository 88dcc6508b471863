import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CompletenessCheck } from './completeness-check.entity';
import { CompletenessCheckDto } from './completeness-check.dto';
import { CompletenessOutcome, findMissing } from './completeness';
import { resolvePresented } from './presented';
import { formOn, FormKind } from './form-sets';
import { FormsRepository } from './forms.repository';

const FORM_OF: Record<CompletenessOutcome, FormKind> = { COMPLETE: 'RECEIPT', INCOMPLETE: 'SUPPLEMENT_REQUEST', REFUSED: 'REFUSAL' };

/**
 * The counter's completeness check: exactly one outcome — COMPLETE (the clerk may receive: form 01),
 * INCOMPLETE with everything missing at once (form 02) or REFUSED with the clerk's reason (form 03).
 * Every check is kept; forms 02 and 03 get a printed number.
 */
@Injectable()
export class CheckCompletenessUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly forms: FormsRepository,
  ) {}

  async execute(body: CompletenessCheckDto, clerk: AuthUser, checkedAt: Date): Promise<CompletenessCheck> {
    return runInTransaction(this.db, async (m) => {
      const procedure = await this.catalog.findProcedure(m, body.procedureCode);
      if (!procedure) {
        throw new DomainError('INTAKE.PROCEDURE_NOT_FOUND', 'UNPROCESSABLE', 'Không tìm thấy thủ tục hành chính', [
          { field: 'procedureCode', rule: 'exists', message: `Thủ tục ${body.procedureCode} không có trong danh mục` },
        ]);
      }
      const applicable = body.applicableConditional ?? [];
      const { presented, problems } = resolvePresented(procedure.components, body.components, applicable);
      if (problems.length) throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);

      const missing = findMissing(procedure.components, presented, applicable);
      const outcome: CompletenessOutcome = body.refusalReason ? 'REFUSED' : missing.length ? 'INCOMPLETE' : 'COMPLETE';
      const day = localDate(checkedAt);
      const form = formOn(FORM_OF[outcome], day);
      let number: string | null = null;
      if (outcome !== 'COMPLETE') {
        const year = Number(day.slice(0, 4));
        const n = await this.forms.nextNumber(m, clerk.agencyCode, year, form.kind);
        number = `${clerk.agencyCode}-${year}-${form.number}-${String(n).padStart(5, '0')}`;
      }
      return this.forms.insertCheck(m, {
        outcome,
        number,
        formSet: form.setId,
        formNumber: form.number,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        agencyCode: clerk.agencyCode,
        applicantName: body.applicantName ?? null,
        presented,
        missing: outcome === 'REFUSED' ? [] : missing,
        refusalReason: body.refusalReason ?? null,
        checkedBy: clerk.sub,
        checkedByName: clerk.name || clerk.sub,
        checkedAt,
      });
    });
  }
}
