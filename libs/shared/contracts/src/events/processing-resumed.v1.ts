import { IsInt, IsISO8601, Matches, Min } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_RESUMED = 'processing.resumed';

/**
 * The supplement arrived and processing resumed: the dossier's appointment moved by the working
 * time the clock was paused. Published by routing.
 */
export class ProcessingResumedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsISO8601({ strict: true }) resumedAt!: string;
  /** Working minutes between the supplement request and the supplement's receipt (not counted). */
  @IsInt() @Min(0) pausedWorkingMinutes!: number;
  /** The appointment after the shift. */
  @IsISO8601({ strict: true }) appointmentAt!: string;
}
