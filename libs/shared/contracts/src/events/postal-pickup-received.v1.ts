import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AGENCY_CODE_PATTERN, ApplicantV1, PostalAddressV1 } from './common';

export const POSTAL_PICKUP_RECEIVED = 'postal.pickup.received';

/**
 * A dossier the post collected at the citizen's address (thu gom) reached the receiving centre: intake
 * receives it on channel 3 (POSTAL) with `postalReceiptAt` (the postal receipt, when the post took the
 * sealed package) as its hand-over time. Published by postal-delivery.
 */
/** One document the postman took at the door, from the procedure's component list. */
export class PickupComponentTakenV1 {
  @IsString() @Length(1, 40) code!: string;
  @IsString() @Length(1, 500) name!: string;
  @IsInt() @Min(1) @Max(100) quantity!: number;
}

export class PostalPickupReceivedV1 {
  @IsString() @Length(1, 64) pickupId!: string;
  /** The pickup's reference (its order number at the carrier). */
  @IsString() @Length(1, 64) reference!: string;
  @IsString() @Length(1, 40) trackingNumber!: string;
  /** The centre the package was brought to. */
  @Matches(AGENCY_CODE_PATTERN) centreCode!: string;
  @IsString() @Length(1, 50) procedureCode!: string;
  @IsString() @Length(1, 500) procedureName!: string;
  @ValidateNested() @Type(() => ApplicantV1) applicant!: ApplicantV1;
  /** Where the post collected it (and where the result can go back to). */
  @ValidateNested() @Type(() => PostalAddressV1) pickupAddress!: PostalAddressV1;
  /** When the post took the package (postal receipt): the dossier's hand-over time. */
  @IsISO8601({ strict: true }) postalReceiptAt!: string;
  /** When the package arrived at the centre. */
  @IsISO8601({ strict: true }) arrivedAt!: string;
  /** What the postman recorded at the door, when recorded (optional, added later): the documents taken… */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PickupComponentTakenV1)
  componentsTaken?: PickupComponentTakenV1[];
  /** …the fees collected against a receipt (VND)… */
  @IsOptional() @IsInt() @Min(0) feesCollectedVnd?: number;
  /** …and the number of the seal on the package. */
  @IsOptional() @IsString() @Length(1, 40) sealNumber?: string;
}
