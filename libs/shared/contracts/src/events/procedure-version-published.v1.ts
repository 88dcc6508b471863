import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const CATALOG_PROCEDURE_VERSION_PUBLISHED = 'catalog.procedure-version-published';

export const COMPONENT_FORMS = ['ORIGINAL', 'CERTIFIED_COPY', 'COPY'] as const;
export const PROCESSING_TIME_UNITS = ['WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS', 'WITHIN_DAY'] as const;
export const ONLINE_LEVELS = ['FULL', 'PARTIAL', 'NONE'] as const;

/** One document of a procedure's published component list (thành phần hồ sơ). */
export class ProcedureComponentV1 {
  /** Stable code of the component within the procedure version (e.g. "TP01"). */
  @IsString() @Length(1, 40) code!: string;
  @IsString() @Length(1, 500) name!: string;
  @IsIn(COMPONENT_FORMS) form!: (typeof COMPONENT_FORMS)[number];
  @IsInt() @Min(1) @Max(100) quantity!: number;
  /** False for a conditional component (required only in the case `condition` describes). */
  @IsBoolean() required!: boolean;
  @IsOptional() @IsString() @Length(1, 500) condition?: string;
}

export class ProcedureFeeV1 {
  /** Vietnamese name of the fee or charge (phí, lệ phí). */
  @IsString() @Length(1, 300) name!: string;
  @IsInt() @Min(0) amountVnd!: number;
}

export class ProcessingTimeV1 {
  @IsIn(PROCESSING_TIME_UNITS) unit!: (typeof PROCESSING_TIME_UNITS)[number];
  /** Amount of the unit; ignored (0) for WITHIN_DAY. */
  @IsInt() @Min(0) @Max(1000) value!: number;
}

/**
 * A version of a procedure became part of the province's catalog (created, edited or imported): other
 * services keep the copy they need (postal gives the postman the component list at a pickup; routing and
 * reporting the field and level). Versions are immutable; a change is a new version. Published by intake.
 */
export class ProcedureVersionPublishedV1 {
  @IsString() @Length(1, 50) procedureCode!: string;
  @IsInt() @Min(1) version!: number;
  @IsString() @Length(1, 500) name!: string;
  @IsString() @Length(1, 50) fieldCode!: string;
  @IsString() @Length(1, 300) fieldName!: string;
  /** A fixed agency code, or a rule such as "COMMUNE_OF_RESIDENCE". */
  @IsString() @Length(1, 100) competentAgency!: string;
  @ValidateNested() @Type(() => ProcessingTimeV1) processingTime!: ProcessingTimeV1;
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ProcedureComponentV1)
  components!: ProcedureComponentV1[];
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ProcedureFeeV1) fees!: ProcedureFeeV1[];
  @IsIn(ONLINE_LEVELS) onlineLevel!: (typeof ONLINE_LEVELS)[number];
  /** Whether the post may carry the dossier (pickup) and the result (delivery). */
  @IsBoolean() postMayCarryDossier!: boolean;
  @IsBoolean() postMayCarryResult!: boolean;
  /** Local date (YYYY-MM-DD) from which this version applies; `effectiveTo` exclusive, absent = open. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) effectiveFrom!: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) effectiveTo?: string;
  @IsISO8601({ strict: true }) publishedAt!: string;
}
