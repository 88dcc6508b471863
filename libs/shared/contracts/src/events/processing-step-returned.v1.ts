import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_STEP_RETURNED = 'processing.step-returned';

/** A step sent the dossier back to an earlier step (trả lại bước trước). Published by routing. */
export class ProcessingStepReturnedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @IsString() @Length(1, 64) stepKey!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  /** The earlier step that is opened again. */
  @IsString() @Length(1, 64) toStepKey!: string;
  @Matches(AGENCY_CODE_PATTERN) toAgencyCode!: string;
  @IsString() @Length(1, 200) returnedBy!: string;
  @IsISO8601({ strict: true }) returnedAt!: string;
  @IsString() @Length(1, 2000) reason!: string;
}
