import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_OVERDUE = 'processing.overdue';

/** An open step passed its due instant without being completed (fired once per step). Published by routing. */
export class ProcessingOverdueV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @IsString() @Length(1, 200) stepName!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsISO8601({ strict: true }) detectedAt!: string;
}
