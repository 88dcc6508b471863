import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';
import { TRANSFER_PURPOSES, TransferPurpose } from './postal-transfer-handed-over.v1';

export const POSTAL_TRANSFER_DELIVERED = 'postal.transfer.delivered';

/**
 * The post delivered a paper dossier to the receiving agency (`at`: the carrier's delivery time, when
 * the agency received the paper). Published by postal-delivery.
 */
export class PostalTransferDeliveredV1 {
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
