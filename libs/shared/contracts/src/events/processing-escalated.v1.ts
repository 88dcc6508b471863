import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_ESCALATED = 'processing.escalated';

/**
 * A step was still open some time after its due instant: it is escalated to the supervisors of its
 * agency (fired once per step and due instant). Published by routing.
 */
export class ProcessingEscalatedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @IsString() @Length(1, 200) stepName!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  /** The role the step is escalated to (SUPERVISOR). */
  @IsString() @Length(1, 40) escalatedTo!: string;
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsISO8601({ strict: true }) escalatedAt!: string;
}
