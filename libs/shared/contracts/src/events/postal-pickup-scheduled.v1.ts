import { Type } from 'class-transformer';
import { IsISO8601, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AGENCY_CODE_PATTERN, ApplicantV1, PostalAddressV1 } from './common';

export const POSTAL_PICKUP_SCHEDULED = 'postal.pickup.scheduled';

/**
 * A citizen asked the post to collect a dossier at an address (thu gom) and the carrier accepted the
 * order: the citizen is told when to expect the postman. There is no dossier code yet (intake gives one
 * when the package reaches the centre). Published by postal-delivery.
 */
export class PostalPickupScheduledV1 {
  @IsString() @Length(1, 64) pickupId!: string;
  /** The pickup's reference (its order number at the carrier). */
  @IsString() @Length(1, 64) reference!: string;
  @IsString() @Length(1, 40) trackingNumber!: string;
  /** The centre the package will be brought to. */
  @Matches(AGENCY_CODE_PATTERN) centreCode!: string;
  @IsString() @Length(1, 50) procedureCode!: string;
  @IsString() @Length(1, 500) procedureName!: string;
  @ValidateNested() @Type(() => ApplicantV1) applicant!: ApplicantV1;
  @ValidateNested() @Type(() => PostalAddressV1) pickupAddress!: PostalAddressV1;
  /** The agreed collection window. */
  @IsISO8601({ strict: true }) windowStart!: string;
  @IsISO8601({ strict: true }) windowEnd!: string;
  @IsISO8601({ strict: true }) scheduledAt!: string;
}
