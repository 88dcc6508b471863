import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@motcua/testing';
import { NOTIFICATION_MIGRATIONS } from '../src/database';

/**
 * The migration to message keys keeps what was already sent from being sent again: messages get the key the
 * code now computes, and the supplement request / extension recorded on `dossier_recipient` become
 * `dossier_notice` rows of the occurrence `legacy` (whose messages carry that key).
 */
describe('notification migration MessageKeysDossierNotices', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('notification_migration_keys');
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('backfills message keys and the legacy notices, and goes down again', async () => {
    const before = NOTIFICATION_MIGRATIONS.slice(0, 3);
    ds = new DataSource({ type: 'postgres', url: db.url, migrations: before, logging: false });
    await ds.initialize();
    await ds.runMigrations();
    const code = '000.00.06.H56-260105-0001';
    await ds.query(
      `INSERT INTO dossier_recipient (dossier_code, received_at, phone, appointment_at, supplement_requested_at, supplement_reason, supplement_items,
         extended_at, extension_reason, new_appointment_at, updated_at)
       VALUES ($1, now(), '0912345678', now(), '2026-01-05T07:00:00Z', 'Thiếu giấy', 'Giấy chứng sinh', '2026-01-05T08:00:00Z', 'Xác minh',
         '2026-01-09T02:00:00Z', now())`,
      [code],
    );
    for (const [i, template] of ['DOSSIER_RECEIVED', 'SUPPLEMENT_REQUESTED', 'EXTENDED'].entries()) {
      await ds.query(
        `INSERT INTO message (id, dossier_code, template, channel, recipient, text, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, 'SMS', '0912345678', 'x', 'SENT', 1, now(), now())`,
        [`00000000-0000-4000-8000-00000000000${i}`, code, template],
      );
    }
    await ds.destroy();

    // up to and including MessageKeysDossierNotices (so undoing the last one undoes it, whatever came later)
    ds = new DataSource({ type: 'postgres', url: db.url, migrations: NOTIFICATION_MIGRATIONS.slice(0, 4), logging: false });
    await ds.initialize();
    await ds.runMigrations();
    expect(await ds.query(`SELECT template, message_key FROM message ORDER BY template`)).toEqual([
      { template: 'DOSSIER_RECEIVED', message_key: `${code}/DOSSIER_RECEIVED` },
      { template: 'EXTENDED', message_key: `${code}/EXTENDED/legacy` },
      { template: 'SUPPLEMENT_REQUESTED', message_key: `${code}/SUPPLEMENT_REQUESTED/legacy` },
    ]);
    expect(await ds.query(`SELECT kind, occurrence, template_key, values FROM dossier_notice ORDER BY kind`)).toEqual([
      {
        kind: 'EXTENDED',
        occurrence: 'legacy',
        template_key: 'EXTENDED',
        values: { reason: 'Xác minh', newAppointment: '2026-01-09T02:00:00.000Z' },
      },
      {
        kind: 'SUPPLEMENT_REQUESTED',
        occurrence: 'legacy',
        template_key: 'SUPPLEMENT_REQUESTED',
        values: { reason: 'Thiếu giấy', items: 'Giấy chứng sinh', requestedAt: '2026-01-05T07:00:00.000Z' },
      },
    ]);

    await ds.undoLastMigration();
    const [row] = (await ds.query(`SELECT supplement_reason, extension_reason FROM dossier_recipient WHERE dossier_code = $1`, [
      code,
    ])) as Array<Record<string, string>>;
    expect(row).toEqual({ supplement_reason: 'Thiếu giấy', extension_reason: 'Xác minh' });
    expect(await ds.query(`SELECT count(*)::int AS n FROM message`)).toEqual([{ n: 3 }]);
  });
});
