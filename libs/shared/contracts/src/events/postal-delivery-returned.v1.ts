import { IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const POSTAL_DELIVERY_RETURNED = 'postal.delivery.returned';

/**
 * The carrier could not deliver the result and brought it back to the centre (VNPost status 19):
 * intake holds the result at the counter. Published by postal-delivery.
 */
export class PostalDeliveryReturnedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) orderId!: string;
  @IsString() @Length(1, 40) trackingNumber!: string;
  /** The centre the result came back to (the dossier's receiving agency). */
  @Matches(AGENCY_CODE_PATTERN) centreCode!: string;
  @IsISO8601({ strict: true }) returnedAt!: string;
  /** Failed delivery attempts (VNPost status 15) before the return. */
  @IsInt() @Min(0) @Max(100) failedAttempts!: number;
  /** The carrier's reason for the last failed attempt (Vietnamese, as reported). */
  @IsOptional() @IsString() @Length(0, 500) lastFailureReason?: string;
}
