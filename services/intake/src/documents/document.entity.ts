import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DocumentMediaType } from './media-type';

/** A digitized document (số hóa) of one component of a dossier; the bytes live in the document storage. */
@Entity({ name: 'dossier_document' })
@Index('ix_dossier_document_dossier_component', ['dossierId', 'componentIndex'])
export class DossierDocument {
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_dossier_document' }) id!: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  /** 1-based position in the procedure's component list. */
  @Column({ name: 'component_index', type: 'int' }) componentIndex!: number;
  @Column({ name: 'component_name', type: 'text' }) componentName!: string;
  /** The uploaded name reduced to a harmless base name (display and download only; never a path). */
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  /** Detected from the content (magic bytes), not from the name or the declared type. */
  @Column({ name: 'media_type', type: 'text' }) mediaType!: DocumentMediaType;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @Column({ name: 'sha256', type: 'text' }) sha256!: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey!: string;
  @Column({ name: 'uploaded_by', type: 'text' }) uploadedBy!: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
}
