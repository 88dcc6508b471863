import { IsIn, IsISO8601, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN, TIMELINESS, Timeliness } from './common';

export const DOSSIER_RESOLVED = 'dossier.resolved';

/** Processing finished with a result (national status 9). Published by routing. */
export class DossierResolvedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @Matches(AGENCY_CODE_PATTERN) resolvingAgencyCode!: string;
  @IsISO8601({ strict: true }) resolvedAt!: string;
  /** The appointment in force when resolved (after extensions and supplement pauses). */
  @IsISO8601({ strict: true }) appointmentAt!: string;
  @IsIn(TIMELINESS) timeliness!: Timeliness;
  @IsString() @Length(1, 2000) resultSummary!: string;
}
