import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { NotificationChannel } from '../templates/template-catalog';
import { PhonePreference } from './phone-preference.entity';

export interface PreferenceFacts {
  phone: string;
  optedOut: boolean;
  channels: NotificationChannel[] | null;
  email: string | null;
  updatedBy: string;
}

@Injectable()
export class PhonePreferenceRepository {
  find(m: EntityManager, phone: string): Promise<PhonePreference | null> {
    return m.getRepository(PhonePreference).findOne({ where: { phone } });
  }

  async upsert(m: EntityManager, p: PreferenceFacts): Promise<PhonePreference> {
    await m.query(
      `INSERT INTO phone_preference (phone, opted_out, channels, email, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (phone) DO UPDATE SET opted_out = EXCLUDED.opted_out, channels = EXCLUDED.channels, email = EXCLUDED.email,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [p.phone, p.optedOut, p.channels, p.email, p.updatedBy],
    );
    return (await this.find(m, p.phone))!;
  }
}
