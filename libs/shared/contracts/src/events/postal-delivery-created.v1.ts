import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const POSTAL_DELIVERY_CREATED = 'postal.delivery.created';

/** A result-delivery order was accepted by the carrier. Published by postal-delivery. */
export class PostalDeliveryCreatedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) orderId!: string;
  @IsString() @Length(1, 40) carrier!: string;
  @IsString() @Length(1, 40) trackingNumber!: string;
  @IsISO8601({ strict: true }) createdAt!: string;
}
