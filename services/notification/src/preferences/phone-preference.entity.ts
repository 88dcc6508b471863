import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationChannel } from '../templates/template-catalog';

/** What the holder of a phone number asked for: no messages at all, or these channels (in this order). */
@Entity({ name: 'phone_preference' })
export class PhonePreference {
  /** `0xxxxxxxxx`, as in the dossier events. */
  @PrimaryColumn({ name: 'phone', type: 'text', primaryKeyConstraintName: 'pk_phone_preference' }) phone!: string;
  @Column({ name: 'opted_out', type: 'boolean', default: false }) optedOut!: boolean;
  /** Null: the configured default channels. */
  @Column({ name: 'channels', type: 'text', array: true, nullable: true }) channels!: NotificationChannel[] | null;
  /** E-mail address for the EMAIL channel (else the one given with the dossier). */
  @Column({ name: 'email', type: 'text', nullable: true }) email!: string | null;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
