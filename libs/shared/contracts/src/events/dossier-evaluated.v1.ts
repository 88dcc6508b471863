import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const DOSSIER_EVALUATED = 'dossier.evaluated';

/** The five national satisfaction levels, best first. */
export const SATISFACTION_LEVELS = ['VERY_SATISFIED', 'SATISFIED', 'NEUTRAL', 'DISSATISFIED', 'VERY_DISSATISFIED'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** The citizen rated the service for a dossier (once per dossier). Published by intake, for reporting. */
export class DossierEvaluatedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 50) procedureCode!: string;
  @Matches(AGENCY_CODE_PATTERN) receivingAgencyCode!: string;
  @Matches(AGENCY_CODE_PATTERN) competentAgencyCode!: string;
  @IsIn(SATISFACTION_LEVELS) level!: SatisfactionLevel;
  @IsOptional() @IsString() @Length(0, 1000) comment?: string;
  @IsISO8601({ strict: true }) evaluatedAt!: string;
}
