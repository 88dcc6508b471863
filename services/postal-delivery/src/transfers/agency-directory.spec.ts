import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { postalConfigFromEnv } from '../config/postal.config';
import { AgencyDirectory, EXAMPLE_AGENCY_DIRECTORY, parseAgencyDirectory } from './agency-directory';

const base = {
  vnpostToken: 't',
  vnpostWebhookSecret: 'webhook-secret-0123456789',
  authJwtSecret: 'secret-0123456789abcdef',
  databaseUrl: 'postgres://x/y',
};
const CENTRE = '000.00.06.H56';

describe('agency directory', () => {
  it('uses the EXAMPLE directory by default; the centre is the configured sender; an unknown agency is named by code', () => {
    const dir = new AgencyDirectory(postalConfigFromEnv({ LOG_LEVEL: 'silent' }, base));
    expect(dir.name(CENTRE, CENTRE)).toBe('Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa');
    expect(dir.party(EXAMPLE_AGENCY_DIRECTORY[1].code, CENTRE)).toMatchObject({
      name: EXAMPLE_AGENCY_DIRECTORY[1].name,
      phone: '02373700002',
    });
    expect(EXAMPLE_AGENCY_DIRECTORY.every((e) => e.name.endsWith('(ví dụ)'))).toBe(true);
    expect(dir.party('000.00.99.H56', CENTRE)).toMatchObject({
      name: 'Cơ quan giải quyết 000.00.99.H56',
      address: 'Trụ sở cơ quan mã 000.00.99.H56',
    });
  });

  it('reads a province’s own directory file, which replaces the example; a malformed entry stops the start', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'agencies-')), 'agencies.json');
    const entry = {
      code: '000.00.20.H56',
      name: 'Công an tỉnh',
      phone: '02373000000',
      address: 'Số 10 đường A',
      communeCode: '14755',
      provinceCode: '38',
    };
    writeFileSync(file, JSON.stringify([entry]));
    const dir = new AgencyDirectory(postalConfigFromEnv({ LOG_LEVEL: 'silent' }, { ...base, agencyDirectoryFile: file }));
    expect(dir.name('000.00.20.H56', CENTRE)).toBe('Công an tỉnh');
    expect(dir.find(EXAMPLE_AGENCY_DIRECTORY[2].code)).toBeUndefined();
    expect(() => parseAgencyDirectory(JSON.stringify([{ ...entry, address: '' }]), 'f.json')).toThrow('entry 0 lacks address');
    expect(() => parseAgencyDirectory('{}', 'f.json')).toThrow('expected a JSON array');
  });
});
