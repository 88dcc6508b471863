import { IsBoolean, IsISO8601, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const POSTAL_DELIVERY_ATTEMPT_FAILED = 'postal.delivery.attempt-failed';

/**
 * A delivery attempt failed (VNPost status 15, "phát không thành công"). `willRetry` says whether another
 * attempt follows; when it does not, the result goes back to the centre (postal.delivery.returned).
 * Published by postal-delivery.
 */
export class PostalDeliveryAttemptFailedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) orderId!: string;
  @IsString() @Length(1, 40) trackingNumber!: string;
  @IsInt() @Min(1) @Max(100) attempt!: number;
  @IsInt() @Min(1) @Max(100) maxAttempts!: number;
  /** The carrier's reason, in Vietnamese, as reported. */
  @IsString() @Length(1, 500) reason!: string;
  @IsBoolean() willRetry!: boolean;
  @IsISO8601({ strict: true }) failedAt!: string;
}
