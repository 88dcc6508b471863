import { IsIn, IsISO8601, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN, RESULT_DELIVERY_METHODS, ResultDeliveryMethod } from './common';

export const DOSSIER_RESULT_RETURNED = 'dossier.result-returned';

/** The result reached the citizen (national status 10). Published by intake. */
export class DossierResultReturnedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsISO8601({ strict: true }) returnedAt!: string;
  @IsIn(RESULT_DELIVERY_METHODS) method!: ResultDeliveryMethod;
}
