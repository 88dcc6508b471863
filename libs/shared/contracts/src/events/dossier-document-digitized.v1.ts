import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const DOSSIER_DOCUMENT_DIGITIZED = 'dossier.document-digitized';

export const DIGITIZED_DOCUMENT_KINDS = ['COMPONENT', 'RESULT'] as const;
export type DigitizedDocumentKind = (typeof DIGITIZED_DOCUMENT_KINDS)[number];

/**
 * A document of a dossier was digitized (số hóa, Circular 01/2023/TT-VPCP): a component of the dossier as received
 * (scanned or uploaded, or reused from a digitized result already on file: `reused`), or the result the agency
 * issued. Carries the dossier's running totals after this document, so a consumer knows when the dossier is fully
 * digitized without knowing its component list (the totals only grow: keep the highest seen). Published by intake.
 */
export class DossierDocumentDigitizedV1 {
  @Matches(DOSSIER_CODE_PATTERN) dossierCode!: string;
  @IsUUID() documentId!: string;
  @IsIn(DIGITIZED_DOCUMENT_KINDS) kind!: DigitizedDocumentKind;
  /** 1-based position in the procedure's component list (COMPONENT only). */
  @IsOptional() @IsInt() @Min(1) @Max(1000) componentIndex?: number;
  /** Taken over from a digitized result on file (tái sử dụng) rather than scanned anew. */
  @IsBoolean() reused!: boolean;
  @IsISO8601({ strict: true }) digitizedAt!: string;
  /** Components the dossier was received with (form 01), and of those digitized / reused so far, this one included. */
  @IsInt() @Min(0) @Max(1000) componentsReceived!: number;
  @IsInt() @Min(0) @Max(1000) componentsDigitized!: number;
  @IsInt() @Min(0) @Max(1000) componentsReused!: number;
}
