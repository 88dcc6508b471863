import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

/** National agency identifier `LLL.LL.LL.XNN` (QCVN 102:2016/BTTTT). */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/** Dossier code `{agency code}-{yyMMdd}-{NNNN}` (the sequence may grow beyond 4 digits). */
export const DOSSIER_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/;

/** Intake channel (KenhThucHien): 1 counter, 2 online, 3 public postal service. */
export const INTAKE_CHANNELS = ['COUNTER', 'ONLINE', 'POSTAL'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** How the citizen receives the result. POST = delivered by the public postal service (HinhThuc = 1). */
export const RESULT_DELIVERY_METHODS = ['COUNTER', 'POST', 'ONLINE'] as const;
export type ResultDeliveryMethod = (typeof RESULT_DELIVERY_METHODS)[number];

/** Outcome of a dossier or step against its due instant. */
export const TIMELINESS = ['EARLY', 'ON_TIME', 'LATE'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export class PostalAddressV1 {
  @IsString() @Length(1, 200) recipientName!: string;
  @IsString() @Matches(/^0\d{9}$/) phone!: string;
  @IsString() @Length(1, 300) line!: string;
  /** Commune (xã/phường) code of the two-level tree, or a legacy code. */
  @IsString() @Length(1, 10) communeCode!: string;
  @IsOptional() @IsString() @Length(1, 10) districtCode?: string;
  @IsString() @Length(1, 10) provinceCode!: string;
}

export class ApplicantV1 {
  @IsString() @Length(1, 200) fullName!: string;
  @IsOptional() @IsString() @Matches(/^0\d{9}$/) phone?: string;
  @IsOptional() @IsString() @MaxLength(254) email?: string;
}
