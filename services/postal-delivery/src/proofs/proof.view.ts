import type { AuthUser } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DeliveryProof } from './delivery-proof.entity';

/** Roles that see a recipient's ID number in full; everyone else sees only its last three characters. */
const SEES_ID_NUMBER = ['POSTAL_CLERK', 'SUPERVISOR', 'ADMIN'];

export function maskIdNumber(idNumber: string): string {
  return '*'.repeat(Math.max(0, idNumber.length - 3)) + idNumber.slice(-3);
}

export function proofView(proof: DeliveryProof, user: AuthUser) {
  const full = user.roles.some((r) => SEES_ID_NUMBER.includes(r));
  return {
    recipientName: proof.recipientName,
    idNumber: full ? proof.idNumber : maskIdNumber(proof.idNumber),
    kind: proof.kind,
    contentType: proof.contentType,
    imageBytes: proof.image?.length ?? null,
    imageSha256: proof.imageSha256,
    imageUrl: `/api/postal/v1/orders/${proof.orderId}/proof/image`,
    deliveredAt: toLocalIso(proof.deliveredAt),
    recordedBy: proof.recordedBy,
    recordedAt: toLocalIso(proof.recordedAt),
  };
}
