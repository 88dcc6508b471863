import { IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN, TIMELINESS, Timeliness } from './common';

export const PROCESSING_STEP_COMPLETED = 'processing.step-completed';

/** A processing step was completed and handed over (chuyển bước). Published by routing. */
export class ProcessingStepCompletedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @IsString() @Length(1, 64) stepKey!: string;
  @IsString() @Length(1, 200) stepName!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  /** Staff account that completed the step. */
  @IsString() @Length(1, 200) completedBy!: string;
  @IsISO8601({ strict: true }) completedAt!: string;
  /** The step's due instant in force when completed. */
  @IsISO8601({ strict: true }) dueAt!: string;
  /** The step's outcome against its due instant. */
  @IsIn(TIMELINESS) timeliness!: Timeliness;
  /** Keys of the steps that start because of this completion (empty on the last step or before a join). */
  @IsArray() @IsString({ each: true }) @Length(1, 64, { each: true }) nextStepKeys!: string[];
  @IsOptional() @IsString() @Length(1, 2000) note?: string;
}
