import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { DEFAULT_TEMPLATES, NotificationChannel, TemplateContent, TemplateKey } from './template-catalog';
import { Template } from './template.entity';

export interface NewTemplateVersion extends TemplateContent {
  key: TemplateKey;
  channel: NotificationChannel;
  urgent: boolean;
  createdBy: string | null;
}

@Injectable()
export class TemplateRepository {
  /** The active (highest) version of a key on a channel. */
  findActive(m: EntityManager, key: string, channel: NotificationChannel): Promise<Template | null> {
    return m.getRepository(Template).findOne({ where: { key, channel }, order: { version: 'DESC' } });
  }

  /** Every version, newest first within each key and channel. */
  listAll(m: EntityManager): Promise<Template[]> {
    return m.getRepository(Template).find({ order: { key: 'ASC', channel: 'ASC', version: 'DESC' } });
  }

  listVersions(m: EntityManager, key: string, channel: NotificationChannel): Promise<Template[]> {
    return m.getRepository(Template).find({ where: { key, channel }, order: { version: 'DESC' } });
  }

  /** Appends the next version; versions of one key and channel are serialised by an advisory lock. */
  async addVersion(m: EntityManager, t: NewTemplateVersion): Promise<Template> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`template:${t.key}:${t.channel}`]);
    const rows = (await m.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM template WHERE key = $1 AND channel = $2`, [
      t.key,
      t.channel,
    ])) as Array<{ next: number }>;
    const row = m.getRepository(Template).create({
      id: randomUUID(),
      key: t.key,
      channel: t.channel,
      version: Number(rows[0].next),
      subject: t.subject ?? null,
      body: t.body,
      znsTemplateId: t.znsTemplateId ?? null,
      urgent: t.urgent,
      createdBy: t.createdBy,
    });
    return m.getRepository(Template).save(row);
  }

  /** Inserts version 1 of every default template that is missing (idempotent, safe with replicas). */
  async seedDefaults(m: EntityManager): Promise<number> {
    let inserted = 0;
    for (const [key, channels] of Object.entries(DEFAULT_TEMPLATES)) {
      for (const [channel, c] of Object.entries(channels)) {
        const rows = (await m.query(
          `INSERT INTO template (id, key, channel, version, subject, body, zns_template_id, urgent, created_by, created_at)
           VALUES ($1, $2, $3, 1, $4, $5, $6, false, NULL, now())
           ON CONFLICT ON CONSTRAINT uq_template_key_channel_version DO NOTHING RETURNING id`,
          [randomUUID(), key, channel, c.subject ?? null, c.body, c.znsTemplateId ?? null],
        )) as unknown[];
        inserted += rows.length;
      }
    }
    return inserted;
  }
}
