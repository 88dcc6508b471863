import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_STEP_STARTED = 'processing.step-started';

/** Routing opened a processing step at an agency. Published by routing. */
export class ProcessingStepStartedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @IsString() @Length(1, 200) stepName!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  @IsISO8601({ strict: true }) startedAt!: string;
  @IsISO8601({ strict: true }) dueAt!: string;
}
