import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const POSTAL_DELIVERY_DELIVERED = 'postal.delivery.delivered';

/** The carrier delivered the result to the citizen. Published by postal-delivery. */
export class PostalDeliveryDeliveredV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) orderId!: string;
  @IsString() @Length(1, 40) trackingNumber!: string;
  @IsISO8601({ strict: true }) deliveredAt!: string;
  @IsString() @Length(1, 200) recipientName!: string;
}
