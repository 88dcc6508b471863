import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN } from './common';

export const PROCESSING_EXTENDED = 'processing.extended';

/**
 * Before the appointment passed, an agency asked for more time: the apology with a new appointment
 * (Phiếu xin lỗi và hẹn lại ngày trả kết quả) was issued, and the dossier's due instants moved to the
 * new appointment. Intake and notification tell the citizen. Published by routing.
 */
export class ProcessingExtendedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  /** Id of the apology letter (routing serves it as a PDF). */
  @IsString() @Length(1, 64) extensionId!: string;
  @IsString() @Length(1, 64) stepId!: string;
  @Matches(AGENCY_CODE_PATTERN) agencyCode!: string;
  @IsString() @Length(1, 200) requestedBy!: string;
  @IsISO8601({ strict: true }) requestedAt!: string;
  @IsISO8601({ strict: true }) previousAppointmentAt!: string;
  @IsISO8601({ strict: true }) newAppointmentAt!: string;
  @IsString() @Length(1, 2000) reason!: string;
}
