import { IsArray, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_SUPPLEMENT_REQUESTED = 'processing.supplement-requested';

/**
 * During processing an agency asked the citizen to supplement the dossier (national status 5): the
 * legal clock of the dossier and its open steps is paused until `dossier.supplement-received`.
 * Published by routing.
 */
export class ProcessingSupplementRequestedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  @IsString() @Length(1, 200) requestedBy!: string;
  @IsISO8601({ strict: true }) requestedAt!: string;
  @IsString() @Length(1, 2000) reason!: string;
  /** Documents to supplement, all at once. */
  @IsOptional() @IsArray() @IsString({ each: true }) @Length(1, 500, { each: true }) items?: string[];
  /** 1 for the first request; a second one makes the dossier count as late. */
  @IsInt() @Min(1) supplementNumber!: number;
  /** The citizen's deadline for the supplement: past it, processing stops (`processing.stopped`, reasonCode SUPPLEMENT_EXPIRED). */
  @IsOptional() @IsISO8601({ strict: true }) deadlineAt?: string;
}
