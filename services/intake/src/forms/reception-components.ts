import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import type { ProcedureComponent } from '../catalog/procedure.entity';
import type { Dossier, ReceivedComponent } from '../dossiers/dossier.entity';
import type { ReceiveDossierDto } from '../dossiers/receive-dossier.dto';
import { findMissing } from './completeness';
import { formOn } from './form-sets';
import { FormsRepository } from './forms.repository';
import { resolvePresented } from './presented';

const invalid = (field: string, rule: string, message: string) =>
  new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [{ field, rule, message }]);
const unprocessable = (code: string, message: string, field: string, rule: string) =>
  new DomainError(code, 'UNPROCESSABLE', message, [{ field, rule, message }]);

/**
 * Links a reception to its completeness check (form 01 follows a check): the check the clerk names
 * (COMPLETE; or a form 02 check, with the components the citizen brought back complete), or one run inline
 * on the `components` given (kept like every check). Answers the dossier's `completenessCheckId` and
 * `receivedComponents`; neither given: both null (form 01 then lists the procedure's required components).
 */
@Injectable()
export class ReceptionComponents {
  constructor(private readonly forms: FormsRepository) {}

  async resolve(
    m: EntityManager,
    body: ReceiveDossierDto,
    procedure: { code: string; name: string; components: ProcedureComponent[] },
    clerk: AuthUser,
    receivedAt: Date,
  ): Promise<Pick<Dossier, 'completenessCheckId' | 'receivedComponents'>> {
    const check = body.completenessCheckId ? await this.forms.findCheckForUpdate(m, body.completenessCheckId) : null;
    if (body.completenessCheckId) {
      if (!check || check.agencyCode !== clerk.agencyCode) {
        throw unprocessable(
          'INTAKE.COMPLETENESS_CHECK_NOT_FOUND',
          'Không tìm thấy phiếu kiểm tra hồ sơ của cơ quan',
          'completenessCheckId',
          'exists',
        );
      }
      if (check.procedureCode !== procedure.code) {
        throw unprocessable(
          'INTAKE.COMPLETENESS_CHECK_MISMATCH',
          'Phiếu kiểm tra hồ sơ là của thủ tục khác',
          'completenessCheckId',
          'sameProcedure',
        );
      }
      if (check.outcome === 'REFUSED') {
        throw unprocessable(
          'INTAKE.COMPLETENESS_CHECK_REFUSED',
          'Hồ sơ đã bị từ chối tiếp nhận (mẫu 03)',
          'completenessCheckId',
          'notRefused',
        );
      }
      const used = await this.forms.dossierCodeForCheck(m, check.id);
      if (used) {
        throw new DomainError('INTAKE.COMPLETENESS_CHECK_USED', 'CONFLICT', `Phiếu kiểm tra đã dùng để tiếp nhận hồ sơ ${used}`, [
          { field: 'completenessCheckId', rule: 'unused', message: `Đã tiếp nhận hồ sơ ${used} theo phiếu này` },
        ]);
      }
      if (check.outcome === 'INCOMPLETE' && !body.components) {
        throw invalid(
          'components',
          'requiredAfterSupplementRequest',
          'Sau phiếu yêu cầu bổ sung (mẫu 02), cần liệt kê các thành phần hồ sơ đã nộp đủ',
        );
      }
    }
    if (!body.components) {
      return { completenessCheckId: check?.id ?? null, receivedComponents: check ? check.presented.map(toReceived) : null };
    }
    const applicable = body.applicableConditional ?? [];
    const { presented, problems } = resolvePresented(procedure.components, body.components, applicable);
    if (problems.length) throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);
    const missing = findMissing(procedure.components, presented, applicable);
    if (missing.length) {
      throw new DomainError(
        'INTAKE.DOSSIER_INCOMPLETE',
        'UNPROCESSABLE',
        'Hồ sơ chưa đầy đủ: lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)',
        missing.map((x) => ({ field: 'components', rule: `component.${x.rule}`, message: x.reason })),
      );
    }
    if (check) return { completenessCheckId: check.id, receivedComponents: presented.map(toReceived) };
    const form = formOn('RECEIPT', localDate(receivedAt));
    const inline = await this.forms.insertCheck(m, {
      outcome: 'COMPLETE',
      number: null,
      formSet: form.setId,
      formNumber: form.number,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      agencyCode: clerk.agencyCode,
      applicantName: body.applicant.fullName ?? null,
      presented,
      missing: [],
      refusalReason: null,
      checkedBy: clerk.sub,
      checkedByName: clerk.name || clerk.sub,
      checkedAt: receivedAt,
    });
    return { completenessCheckId: inline.id, receivedComponents: presented.map(toReceived) };
  }
}

const toReceived = (p: { index: number; name: string; form: ReceivedComponent['form']; quantity: number }): ReceivedComponent => ({
  index: p.index,
  name: p.name,
  form: p.form,
  quantity: p.quantity,
});
