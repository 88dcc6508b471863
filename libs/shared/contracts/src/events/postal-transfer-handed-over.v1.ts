import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const POSTAL_TRANSFER_HANDED_OVER = 'postal.transfer.handed-over';

/** Why a paper dossier travels: to the agency of a processing step, or back to the receiving centre once resolved. */
export const TRANSFER_PURPOSES = ['STEP', 'RETURN'] as const;
export type TransferPurpose = (typeof TRANSFER_PURPOSES)[number];

/**
 * The post took a paper dossier from one agency for another (chuyển hồ sơ giấy): `at` is the postal
 * receipt time, the evidence of the hand-over time on the control slip. Published by postal-delivery.
 */
export class PostalTransferHandedOverV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) transferId!: string;
  /** The routing step the paper travels for (absent on the return to the receiving centre). */
  @IsOptional() @IsString() @Length(1, 64) stepId?: string;
  @IsIn(TRANSFER_PURPOSES) purpose!: TransferPurpose;
  @Matches(AGENCY_CODE_PATTERN) fromAgencyCode!: string;
  @Matches(AGENCY_CODE_PATTERN) toAgencyCode!: string;
  @IsString() @Length(1, 40) trackingNumber!: string;
  @IsISO8601({ strict: true }) at!: string;
}
