#!/usr/bin/env node
// Generates a TypeORM migration for one service from the difference between its entities and its
// committed migrations, on a scratch database; or checks that every service's entities and
// migrations agree (CI). Needs `npm run build` first.
//   node tools/migrations/migrations.js generate <service> <Name>
//   node tools/migrations/migrations.js check
// Env: TEST_DATABASE_URL (a superuser URL; a scratch database is created and dropped).
const { Client } = require('pg');
const fs = require('fs');
const path = require('path');

const SERVICES = {
  intake: ['INTAKE_ENTITIES', 'INTAKE_MIGRATIONS'],
  routing: ['ROUTING_ENTITIES', 'ROUTING_MIGRATIONS'],
  'postal-delivery': ['POSTAL_ENTITIES', 'POSTAL_MIGRATIONS'],
  notification: ['NOTIFICATION_ENTITIES', 'NOTIFICATION_MIGRATIONS'],
  reporting: ['REPORTING_ENTITIES', 'REPORTING_MIGRATIONS'],
};

async function withScratchDatabase(fn) {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:55432/postgres';
  const scratch = `migration_check_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${scratch}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
  }
}

/** Every service: run all migrations on an empty database, then nothing may be left to generate. */
async function check() {
  const { pendingSchemaChanges } = require('@motcua/platform');
  let failed = 0;
  for (const [service, [e, m]] of Object.entries(SERVICES)) {
    const mod = require(path.join(__dirname, '../../services', service, 'dist/database/index.js'));
    const { up } = await withScratchDatabase((url) => pendingSchemaChanges({ url, entities: mod[e], migrations: mod[m] }));
    if (up.length) {
      failed += 1;
      process.stderr.write(`${service}: entities and migrations disagree; a new migration would run:\n  ${up.join('\n  ')}\n`);
    } else {
      process.stdout.write(`${service}: entities and migrations agree (${mod[m].length} migration(s))\n`);
    }
  }
  if (failed) process.exit(1);
}

async function main() {
  const [cmd, service, name] = process.argv.slice(2);
  if (cmd === 'check') return check();
  if (cmd !== 'generate' || !SERVICES[service] || !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
    process.stderr.write('usage: migrations.js generate <service> <PascalCaseName> | migrations.js check\n');
    process.exit(2);
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:55432/postgres';
  const scratch = `migration_gen_test_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${scratch}`;
    const mod = require(path.join(__dirname, '../../services', service, 'dist/database/index.js'));
    const { pendingSchemaChanges } = require('@motcua/platform');
    const [e, m] = SERVICES[service];
    const { up, down } = await pendingSchemaChanges({ url: url.toString(), entities: mod[e], migrations: mod[m] });
    if (!up.length) {
      process.stdout.write('Entities and migrations agree: nothing to generate.\n');
      return;
    }
    const ts = Date.now();
    const file = path.join(
      __dirname,
      '../../services',
      service,
      'src/database/migrations',
      `${ts}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`,
    );
    const q = (s) => '    await queryRunner.query(`' + s.replace(/`/g, '\\`') + '`);';
    fs.writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up.map(q).join('\n')}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down.reverse().map(q).join('\n')}\n  }\n}\n`,
    );
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}; add it to the service's migrations list.\n`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await admin.end();
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
