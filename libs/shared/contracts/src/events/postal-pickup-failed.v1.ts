import { Type } from 'class-transformer';
import { IsBoolean, IsISO8601, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AGENCY_CODE_PATTERN, ApplicantV1 } from './common';

export const POSTAL_PICKUP_FAILED = 'postal.pickup.failed';

/**
 * The postman could not collect the dossier (nobody at home, documents missing, refused…). `final` says
 * whether the pickup is given up (otherwise another attempt follows). Published by postal-delivery.
 */
export class PostalPickupFailedV1 {
  @IsString() @Length(1, 64) pickupId!: string;
  @IsString() @Length(1, 64) reference!: string;
  @Matches(AGENCY_CODE_PATTERN) centreCode!: string;
  @IsString() @Length(1, 50) procedureCode!: string;
  @IsString() @Length(1, 500) procedureName!: string;
  @ValidateNested() @Type(() => ApplicantV1) applicant!: ApplicantV1;
  /** Why the pickup failed, in Vietnamese, as recorded by the postman. */
  @IsString() @Length(1, 500) reason!: string;
  /** Which attempt failed (1-based). */
  @IsInt() @Min(1) @Max(100) attempt!: number;
  @IsBoolean() final!: boolean;
  @IsISO8601({ strict: true }) failedAt!: string;
}
