import { AuthUser } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import type { Dossier } from './dossier.entity';
import { DOSSIER_STATUSES, DossierStatus } from './dossier-status';

/** Counter actions belong to the receiving agency (or an administrator); others see "not found". */
export function assertReceivingAgency(dossier: Dossier | null, user: AuthUser): asserts dossier is Dossier {
  if (!dossier || !(user.roles.includes('ADMIN') || dossier.receivingAgencyCode === user.agencyCode)) {
    throw new DomainError('INTAKE.DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy hồ sơ');
  }
}

/** 409 naming the current status when an action does not fit it. */
export function assertStatus(dossier: Dossier, allowed: DossierStatus[], action: string): void {
  if (allowed.includes(dossier.status)) return;
  throw new DomainError(
    'INTAKE.STATUS_CONFLICT',
    'CONFLICT',
    `Không thể ${action}: hồ sơ đang ở trạng thái "${DOSSIER_STATUSES[dossier.status].label}"`,
    [{ field: 'status', rule: 'transition', message: `Trạng thái hiện tại ${dossier.status} không cho phép thao tác này` }],
  );
}
