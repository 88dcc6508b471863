import { readFileSync } from 'fs';
import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@motcua/platform';
import type { CarrierParty } from '../carriers/carrier';
import { PostalConfig } from '../config/postal.config';

/** An agency the post carries paper to or from: its name and address for the carrier and the label. */
export interface AgencyAddress {
  code: string;
  name: string;
  phone: string;
  /** Street address (Vietnamese), without commune and province. */
  address: string;
  communeCode: string;
  provinceCode: string;
}

/**
 * EXAMPLE VALUES ONLY (names, phones and addresses made up for development, tests and the demo — not a real
 * directory): the agencies of the demo province's linked procedures. Each province gives its own directory
 * as a JSON file (`AGENCY_DIRECTORY_FILE`: an array of these entries) which replaces this one entirely.
 */
export const EXAMPLE_AGENCY_DIRECTORY: readonly AgencyAddress[] = [
  {
    code: '000.21.01.H56',
    name: 'UBND phường Hạc Thành (ví dụ)',
    phone: '02373700001',
    address: 'Số 1 đường Ví Dụ, phường Hạc Thành',
    communeCode: '14755',
    provinceCode: '38',
  },
  {
    code: '000.00.20.H56',
    name: 'Công an tỉnh Thanh Hóa — Phòng Cảnh sát QLHC về TTXH (ví dụ)',
    phone: '02373700002',
    address: 'Số 2 đường Ví Dụ, phường Hạc Thành',
    communeCode: '14755',
    provinceCode: '38',
  },
  {
    code: '000.00.30.H56',
    name: 'Bảo hiểm xã hội tỉnh Thanh Hóa (ví dụ)',
    phone: '02373700003',
    address: 'Số 3 đường Ví Dụ, phường Hạc Thành',
    communeCode: '14755',
    provinceCode: '38',
  },
];

const FIELDS: Array<keyof AgencyAddress> = ['code', 'name', 'phone', 'address', 'communeCode', 'provinceCode'];

/** Reads a directory file: a JSON array of entries, every field a non-empty string; else the service does not start. */
export function parseAgencyDirectory(json: string, source: string): AgencyAddress[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error(`Agency directory ${source}: expected a JSON array`);
  return parsed.map((entry: Record<string, unknown>, i) => {
    for (const f of FIELDS) {
      if (typeof entry?.[f] !== 'string' || !(entry[f] as string).trim()) {
        throw new Error(`Agency directory ${source}: entry ${i} lacks ${f}`);
      }
    }
    const e = entry as unknown as AgencyAddress;
    return {
      code: e.code,
      name: e.name.normalize('NFC'),
      phone: e.phone,
      address: e.address.normalize('NFC'),
      communeCode: e.communeCode,
      provinceCode: e.provinceCode,
    };
  });
}

/**
 * Names and addresses of the agencies paper travels between (transfers: the carrier's sender and receiver,
 * the label, the manifest). The receiving centre is the configured sender; an agency missing from the
 * directory is named by code and reached at the centre's province.
 */
@Injectable()
export class AgencyDirectory {
  private readonly entries: Map<string, AgencyAddress>;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: PostalConfig) {
    const list = config.agencyDirectoryFile
      ? parseAgencyDirectory(readFileSync(config.agencyDirectoryFile, 'utf8'), config.agencyDirectoryFile)
      : EXAMPLE_AGENCY_DIRECTORY;
    this.entries = new Map(list.map((e) => [e.code, e]));
  }

  find(agencyCode: string): AgencyAddress | undefined {
    return this.entries.get(agencyCode);
  }

  name(agencyCode: string, centreCode: string): string {
    if (agencyCode === centreCode) return this.config.senderName;
    return this.find(agencyCode)?.name ?? `Cơ quan giải quyết ${agencyCode}`;
  }

  party(agencyCode: string, centreCode: string): CarrierParty {
    const c = this.config;
    if (agencyCode === centreCode) {
      return {
        name: c.senderName,
        phone: c.senderPhone,
        address: c.senderAddress,
        provinceCode: c.senderProvinceCode,
        communeCode: c.senderCommuneCode,
      };
    }
    const e = this.find(agencyCode);
    if (e) return { name: e.name, phone: e.phone, address: e.address, provinceCode: e.provinceCode, communeCode: e.communeCode };
    return {
      name: this.name(agencyCode, centreCode),
      phone: c.senderPhone,
      address: `Trụ sở cơ quan mã ${agencyCode}`,
      provinceCode: c.senderProvinceCode,
      communeCode: c.senderCommuneCode,
    };
  }

  /** One line for a label: street, commune and province codes. */
  addressLine(agencyCode: string, centreCode: string): string {
    const p = this.party(agencyCode, centreCode);
    return [p.address, p.communeCode && `xã/phường ${p.communeCode}`, `tỉnh ${p.provinceCode}`].filter(Boolean).join(', ');
  }
}
