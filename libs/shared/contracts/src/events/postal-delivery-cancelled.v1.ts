import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const POSTAL_DELIVERY_CANCELLED = 'postal.delivery.cancelled';

/** Why the result does not go by post: staff cancelled the order, or the procedure's rules forbid the post to carry it. */
export const POSTAL_DELIVERY_CANCEL_CAUSES = ['CANCELLED', 'POST_MAY_NOT_CARRY_RESULT'] as const;
export type PostalDeliveryCancelCause = (typeof POSTAL_DELIVERY_CANCEL_CAUSES)[number];

/**
 * The result of a dossier whose citizen chose the post will not be delivered by the post: a result-delivery
 * order was cancelled before it went out (`CANCELLED`), or none was opened because the procedure version in
 * force says the post may not carry the result (`POST_MAY_NOT_CARRY_RESULT`, no order: `orderId` and
 * `trackingNumber` absent). Intake holds the result at the counter for the citizen to collect.
 * Published by postal-delivery.
 */
export class PostalDeliveryCancelledV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsIn(POSTAL_DELIVERY_CANCEL_CAUSES) cause!: PostalDeliveryCancelCause;
  @IsOptional() @IsString() @Length(1, 64) orderId?: string;
  @IsOptional() @IsString() @Length(1, 40) trackingNumber?: string;
  /** The centre holding the result (the dossier's receiving agency). */
  @Matches(AGENCY_CODE_PATTERN) centreCode!: string;
  /** Why, in Vietnamese (the staff's reason, or the catalog rule). */
  @IsString() @Length(1, 500) reason!: string;
  @IsISO8601({ strict: true }) cancelledAt!: string;
}
