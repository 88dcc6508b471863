import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_STOPPED = 'processing.stopped';

/** An agency stopped processing the dossier (dừng xử lý, national status 8), with the reason; processing ends. Published by routing. */
export class ProcessingStoppedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  @IsString() @Length(1, 200) stoppedBy!: string;
  @IsISO8601({ strict: true }) stoppedAt!: string;
  @IsString() @Length(1, 2000) reason!: string;
  /**
   * Why, as a code, when the platform stopped it rather than a person: `SUPPLEMENT_EXPIRED` (the citizen did not
   * hand in the requested supplement by its deadline; `stoppedBy` is then `system`). Absent for a stop by staff.
   */
  @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{0,63}$/) reasonCode?: string;
}
