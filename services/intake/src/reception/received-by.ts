import type { AuthUser } from '@motcua/auth';
import type { Dossier } from '../dossiers/dossier.entity';

/** Who received a dossier: a civil servant of the one-stop shop, a postal employee at the counter, a portal, or the system. */
export type ReceivedByRole = 'COUNTER_CLERK' | 'POSTAL_CLERK' | 'INTEGRATOR' | 'SYSTEM';

export const RECEIVED_BY_ROLE_LABEL: Record<ReceivedByRole, string> = {
  COUNTER_CLERK: 'Công chức tiếp nhận tại bộ phận một cửa',
  POSTAL_CLERK: 'Nhân viên bưu điện làm việc tại bộ phận một cửa',
  INTEGRATOR: 'Tiếp nhận trực tuyến qua cổng dịch vụ công',
  SYSTEM: 'Hệ thống',
};

/** The role a reception is recorded under: the postal employee when the token says so, else the civil servant. */
export function receivedByRoleOf(user: AuthUser): ReceivedByRole {
  if (user.roles.length === 0 || user.sub === 'system') return 'SYSTEM';
  if (user.roles.includes('INTEGRATOR') && !user.roles.some((r) => r === 'COUNTER_CLERK' || r === 'POSTAL_CLERK')) return 'INTEGRATOR';
  if (user.roles.includes('POSTAL_CLERK') && !user.roles.includes('COUNTER_CLERK')) return 'POSTAL_CLERK';
  return 'COUNTER_CLERK';
}

/** The dossier columns recording who received it (and which integrator's key, online). */
export function receivedByColumns(user: AuthUser, integrator?: { keyId: string; code: string }): Partial<Dossier> {
  return {
    receivedByName: user.name || user.sub,
    receivedByRole: integrator ? 'INTEGRATOR' : receivedByRoleOf(user),
    integratorCode: integrator?.code ?? null,
    integratorKeyId: integrator?.keyId ?? null,
  };
}

/** What the staff view adds about the reception (who, which integrator, the check, the components, the pre-fill). */
export function receptionView(d: Dossier) {
  const role = (d.receivedByRole ?? null) as ReceivedByRole | null;
  return {
    receivedBy: {
      id: d.receivedBy,
      name: d.receivedByName ?? d.receivedBy,
      role,
      roleLabel: role ? RECEIVED_BY_ROLE_LABEL[role] : null,
    },
    integrator: d.integratorCode ? { code: d.integratorCode, keyId: d.integratorKeyId } : null,
    completenessCheckId: d.completenessCheckId ?? null,
    receivedComponents: d.receivedComponents ?? null,
    prefilledFromPopulationData: d.prefilledFields ?? null,
  };
}
