import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_REFUSED = 'processing.refused';

/** An agency refused to resolve the dossier, with the reason; processing ends. Published by routing. */
export class ProcessingRefusedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  @IsString() @Length(1, 200) refusedBy!: string;
  @IsISO8601({ strict: true }) refusedAt!: string;
  @IsString() @Length(1, 2000) reason!: string;
}
