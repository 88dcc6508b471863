import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const DOSSIER_SUPPLEMENT_RECEIVED = 'dossier.supplement-received';

/** The citizen handed in the supplement requested during processing. Published by intake. */
export class DossierSupplementReceivedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  /** When the supplement was received: the legal clock resumes here. */
  @IsISO8601({ strict: true }) receivedAt!: string;
  @IsOptional() @IsString() @Length(1, 2000) note?: string;
}
