import { IsISO8601, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const POSTAL_DELIVERY_OUT_FOR_DELIVERY = 'postal.delivery.out-for-delivery';

/**
 * The postman left with the result for the citizen's address (VNPost status "đang phát"). Published by
 * postal-delivery, once per delivery attempt.
 */
export class PostalDeliveryOutForDeliveryV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 64) orderId!: string;
  @IsString() @Length(1, 40) trackingNumber!: string;
  /** Which attempt this is (1-based). */
  @IsInt() @Min(1) @Max(100) attempt!: number;
  @IsISO8601({ strict: true }) outForDeliveryAt!: string;
  /** Amount in VND the recipient pays on delivery (postage and fees collected as COD), if any. */
  @IsOptional() @IsInt() @Min(0) amountToCollect?: number;
}
