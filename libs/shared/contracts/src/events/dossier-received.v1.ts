import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import {
  AGENCY_CODE_PATTERN,
  ApplicantV1,
  DOSSIER_CODE_PATTERN,
  INTAKE_CHANNELS,
  IntakeChannel,
  PostalAddressV1,
  RESULT_DELIVERY_METHODS,
  ResultDeliveryMethod,
} from './common';

export const DOSSIER_RECEIVED = 'dossier.received';

/** Intake accepted a complete dossier (form 01 issued). Published by intake. */
export class DossierReceivedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsString() @Length(1, 40) procedureCode!: string;
  @IsString() @Length(1, 500) procedureName!: string;
  @Matches(AGENCY_CODE_PATTERN) receivingAgencyCode!: string;
  /** Agency competent to resolve the dossier (phi địa giới: may differ from the receiving one). */
  @Matches(AGENCY_CODE_PATTERN) competentAgencyCode!: string;
  @IsIn(INTAKE_CHANNELS) channel!: IntakeChannel;
  @IsISO8601({ strict: true }) receivedAt!: string;
  /** Appointment for the result (ngày hẹn trả). */
  @IsISO8601({ strict: true }) appointmentAt!: string;
  @IsIn(RESULT_DELIVERY_METHODS) resultDelivery!: ResultDeliveryMethod;
  @ValidateNested() @Type(() => ApplicantV1) applicant!: ApplicantV1;
  /** Required when resultDelivery is POST. */
  @IsOptional() @ValidateNested() @Type(() => PostalAddressV1) deliveryAddress?: PostalAddressV1;
}
