import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { NotificationChannel } from './template-catalog';

/**
 * One version of the text for a (template key, channel). Versions are never edited: a change is a new
 * version, and the highest version is the one sending uses, so every message records the exact
 * version it was rendered from.
 */
@Entity({ name: 'template' })
@Unique('uq_template_key_channel_version', ['key', 'channel', 'version'])
export class Template {
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_template' }) id!: string;
  /** e.g. `RESULT_READY_POST` (see template-catalog.ts); its purpose is the message's `template`. */
  @Column({ name: 'key', type: 'text' }) key!: string;
  @Column({ name: 'channel', type: 'text' }) channel!: NotificationChannel;
  @Column({ name: 'version', type: 'integer' }) version!: number;
  /** E-mail subject; null for other channels. */
  @Column({ name: 'subject', type: 'text', nullable: true }) subject!: string | null;
  @Column({ name: 'body', type: 'text' }) body!: string;
  /** Zalo: the ZNS template id registered with Zalo; null for other channels. */
  @Column({ name: 'zns_template_id', type: 'text', nullable: true }) znsTemplateId!: string | null;
  /** Urgent messages ignore quiet hours. */
  @Column({ name: 'urgent', type: 'boolean', default: false }) urgent!: boolean;
  /** Staff id of the author; null for the seeded defaults. */
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
