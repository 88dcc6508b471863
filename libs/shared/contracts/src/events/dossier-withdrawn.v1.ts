import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const DOSSIER_WITHDRAWN = 'dossier.withdrawn';

/** The citizen withdrew the dossier (national status 7): processing ends. Published by intake. */
export class DossierWithdrawnV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsISO8601({ strict: true }) withdrawnAt!: string;
  @IsString() @Length(1, 2000) reason!: string;
}
