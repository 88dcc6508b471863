import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_DUE_SOON = 'processing.due-soon';

/** A reminder: an open step's due instant is near (fired once per step and due instant). Published by routing. */
export class ProcessingDueSoonV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @IsString() @Length(1, 200) stepName!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  /** The role holding the step. */
  @IsString() @Length(1, 40) role!: string;
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsISO8601({ strict: true }) remindedAt!: string;
}
