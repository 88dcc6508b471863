import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DocumentMediaType } from './media-type';

export const DOCUMENT_KINDS = ['COMPONENT', 'RESULT'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A digitized document (số hóa) of one component of a dossier; the bytes live in the document storage. */
@Entity({ name: 'dossier_document' })
@Index('ix_dossier_document_dossier_component', ['dossierId', 'componentIndex'])
@Index('ux_dossier_document_reuse', ['dossierId', 'componentIndex', 'reusedFromDocumentId'], {
  unique: true,
  where: 'reused_from_document_id IS NOT NULL',
})
export class DossierDocument {
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_dossier_document' }) id!: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  /** `COMPONENT`: a component of the dossier as received; `RESULT`: the result the agency issued (giấy tờ kết quả). */
  @Column({ name: 'kind', type: 'text', default: 'COMPONENT' }) kind!: DocumentKind;
  /** 1-based position in the procedure's component list; null for a result. */
  @Column({ name: 'component_index', type: 'int', nullable: true }) componentIndex!: number | null;
  @Column({ name: 'component_name', type: 'text' }) componentName!: string;
  /** The uploaded name reduced to a harmless base name (display and download only; never a path). */
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  /** Detected from the content (magic bytes), not from the name or the declared type. */
  @Column({ name: 'media_type', type: 'text' }) mediaType!: DocumentMediaType;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @Column({ name: 'sha256', type: 'text' }) sha256!: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey!: string;
  /**
   * Set when this row reuses a citizen's digitized document (Circular 01/2023): the row it came from; the
   * bytes are not copied (same `storageKey` and `sha256`).
   */
  @Column({ name: 'reused_from_document_id', type: 'uuid', nullable: true }) reusedFromDocumentId!: string | null;
  @Column({ name: 'uploaded_by', type: 'text' }) uploadedBy!: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
}
