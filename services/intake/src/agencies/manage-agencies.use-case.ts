import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerOf, runInTransaction } from '@motcua/messaging';
import { DomainError, FieldProblem, SERVICE_CONFIG } from '@motcua/platform';
import { Agency, AgencyLevel } from '../catalog/agency.entity';
import { IntakeConfig } from '../config/intake.config';
import { AgenciesRepository } from './agencies.repository';
import { CreateAgencyDto, OfficeHoursDto } from './agency.dto';

/** Which levels may be the parent of which (two-level: commune under the province; three-level: under a district). */
const PARENT_LEVELS: Record<AgencyLevel, AgencyLevel[]> = {
  PROVINCE: [],
  DEPARTMENT: ['PROVINCE'],
  CENTER: ['PROVINCE'],
  CENTER_BRANCH: ['CENTER'],
  DISTRICT: ['PROVINCE'],
  COMMUNE: ['PROVINCE', 'DISTRICT'],
};

const invalid = (problems: FieldProblem[]) => new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const realDate = (d: string) => {
  const x = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(x.getTime()) && x.toISOString().slice(0, 10) === d;
};

/** Checks the two sessions: each start before its end, the morning starting from 05:00 and ending by 13:00, the afternoon after it and ending by 21:00. */
export function officeHoursProblems(dto: OfficeHoursDto): FieldProblem[] {
  const out: FieldProblem[] = [];
  const [ms, me] = dto.morning.split('-').map(minutes);
  const [as, ae] = dto.afternoon.split('-').map(minutes);
  if (ms >= me) out.push({ field: 'morning', rule: 'startBeforeEnd', message: 'Giờ bắt đầu buổi sáng phải trước giờ kết thúc' });
  if (ms < 5 * 60 || me > 13 * 60)
    out.push({ field: 'morning', rule: 'morningSession', message: 'Buổi sáng phải trong khoảng 05:00–13:00' });
  if (as >= ae) out.push({ field: 'afternoon', rule: 'startBeforeEnd', message: 'Giờ bắt đầu buổi chiều phải trước giờ kết thúc' });
  if (as < 11 * 60 || ae > 21 * 60)
    out.push({ field: 'afternoon', rule: 'afternoonSession', message: 'Buổi chiều phải trong khoảng 11:00–21:00' });
  if (!out.length && as < me)
    out.push({ field: 'afternoon', rule: 'afterMorning', message: 'Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc' });
  return out;
}

/** Where an agency's office hours come from: its own, its province's row, or the configuration. */
export interface EffectiveOfficeHours {
  agencyCode: string;
  officeHours: string;
  source: 'AGENCY' | 'PROVINCE' | 'CONFIG';
}

/** Administrators' changes to the agency tree and to office hours. */
@Injectable()
export class ManageAgenciesUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly agencies: AgenciesRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async create(dto: CreateAgencyDto): Promise<Agency> {
    const problems: FieldProblem[] = [];
    for (const f of ['validFrom', 'validTo'] as const) {
      if (dto[f] && !realDate(dto[f]!)) problems.push({ field: f, rule: 'realDate', message: `Ngày ${dto[f]} không có thật` });
    }
    if (dto.validFrom && dto.validTo && dto.validTo <= dto.validFrom) {
      problems.push({ field: 'validTo', rule: 'afterValidFrom', message: 'Ngày hết hiệu lực phải sau ngày bắt đầu' });
    }
    if (dto.level === 'PROVINCE' && dto.parentCode) {
      problems.push({ field: 'parentCode', rule: 'noParentForProvince', message: 'Cấp tỉnh không có cơ quan cấp trên' });
    }
    if (dto.level === 'PROVINCE' && !dto.provinceCode) {
      problems.push({ field: 'provinceCode', rule: 'requiredForProvince', message: 'Cần mã tỉnh cho cơ quan cấp tỉnh' });
    }
    if (dto.level !== 'PROVINCE' && !dto.parentCode) {
      problems.push({ field: 'parentCode', rule: 'required', message: 'Cần cơ quan cấp trên' });
    }
    if (problems.length) throw invalid(problems);
    return runInTransaction(this.db, async (m) => {
      let provinceCode = dto.provinceCode!;
      if (dto.parentCode) {
        const parent = await this.existingParent(m, dto.parentCode, dto.level);
        if (dto.provinceCode && dto.provinceCode !== parent.provinceCode) {
          throw invalid([
            { field: 'provinceCode', rule: 'sameAsParent', message: `Mã tỉnh phải là ${parent.provinceCode} như cơ quan cấp trên` },
          ]);
        }
        provinceCode = parent.provinceCode;
      }
      await this.agencies.lockProvince(m, provinceCode);
      if (await this.agencies.find(m, dto.code)) {
        throw new DomainError('INTAKE.AGENCY_EXISTS', 'CONFLICT', `Cơ quan ${dto.code} đã có`, [
          { field: 'code', rule: 'unique', message: `Mã cơ quan ${dto.code} đã được dùng` },
        ]);
      }
      return this.agencies.insert(m, {
        code: dto.code,
        name: dto.name,
        level: dto.level,
        parentCode: dto.parentCode ?? null,
        provinceCode,
        officeHours: null,
        tree: dto.tree,
        validFrom: dto.validFrom ?? null,
        validTo: dto.validTo ?? null,
        active: true,
        adminUnitCode: dto.adminUnitCode ?? null,
      });
    });
  }

  /** Moves an agency under another parent: it must exist, fit the level and not be the agency or below it. */
  async move(code: string, parentCode: string): Promise<Agency> {
    return runInTransaction(this.db, async (m) => {
      const agency = await this.existing(m, code);
      await this.agencies.lockProvince(m, agency.provinceCode);
      // a cycle is named first (the agency itself or one below it), then existence and level
      const ancestry = await this.agencies.ancestry(m, parentCode);
      if (ancestry.some((a) => a.code === code)) {
        throw new DomainError('INTAKE.AGENCY_MOVE_REFUSED', 'UNPROCESSABLE', 'Không thể chuyển cơ quan vào dưới chính nó', [
          {
            field: 'parentCode',
            rule: 'noCycle',
            message: `${parentCode} là ${parentCode === code ? 'chính cơ quan này' : 'cơ quan cấp dưới của nó'}`,
          },
        ]);
      }
      const parent = await this.existingParent(m, parentCode, agency.level);
      if (parent.provinceCode !== agency.provinceCode) {
        throw new DomainError('INTAKE.AGENCY_MOVE_REFUSED', 'UNPROCESSABLE', 'Không thể chuyển sang tỉnh khác', [
          { field: 'parentCode', rule: 'sameProvince', message: 'Cơ quan cấp trên mới phải cùng tỉnh' },
        ]);
      }
      return this.agencies.update(m, code, { parentCode });
    });
  }

  /** Deactivates an agency without active children (kept: dossiers refer to it). */
  async deactivate(code: string): Promise<Agency> {
    return runInTransaction(this.db, async (m) => {
      const agency = await this.existing(m, code);
      await this.agencies.lockProvince(m, agency.provinceCode);
      const children = await this.agencies.countActiveChildren(m, code);
      if (children) {
        throw new DomainError('INTAKE.AGENCY_HAS_CHILDREN', 'CONFLICT', `Cơ quan ${code} còn ${children} cơ quan cấp dưới đang hoạt động`, [
          { field: 'code', rule: 'noActiveChildren', message: 'Chuyển hoặc ngừng hoạt động các cơ quan cấp dưới trước' },
        ]);
      }
      return this.agencies.update(m, code, { active: false });
    });
  }

  /** Sets (or with null clears) an agency's own office hours; for the province row: the province's. */
  async setOfficeHours(code: string, dto: OfficeHoursDto | null): Promise<EffectiveOfficeHours> {
    if (dto) {
      const problems = officeHoursProblems(dto);
      if (problems.length) throw invalid(problems);
    }
    await runInTransaction(this.db, async (m) => {
      await this.existing(m, code);
      await this.agencies.update(m, code, { officeHours: dto ? `${dto.morning},${dto.afternoon}` : null });
    });
    return this.effectiveOfficeHours(code);
  }

  /** The office hours the legal clock uses for an agency, and where they come from. */
  async effectiveOfficeHours(code: string): Promise<EffectiveOfficeHours> {
    const agency = await this.existing(managerOf(this.db), code);
    if (agency.officeHours) return { agencyCode: code, officeHours: agency.officeHours, source: 'AGENCY' };
    const province = await this.agencies.province(managerOf(this.db), agency.provinceCode);
    if (province?.officeHours) return { agencyCode: code, officeHours: province.officeHours, source: 'PROVINCE' };
    return { agencyCode: code, officeHours: this.config.officeHours, source: 'CONFIG' };
  }

  private async existing(m: Parameters<AgenciesRepository['find']>[0], code: string): Promise<Agency> {
    const agency = await this.agencies.find(m, code);
    if (!agency) throw new DomainError('INTAKE.AGENCY_NOT_FOUND', 'NOT_FOUND', `Không tìm thấy cơ quan ${code}`);
    return agency;
  }

  private async existingParent(m: Parameters<AgenciesRepository['find']>[0], parentCode: string, level: AgencyLevel): Promise<Agency> {
    const parent = await this.agencies.find(m, parentCode);
    if (!parent || parent.active === false) {
      throw new DomainError('INTAKE.AGENCY_NOT_FOUND', 'UNPROCESSABLE', 'Không tìm thấy cơ quan cấp trên', [
        { field: 'parentCode', rule: 'exists', message: `Cơ quan ${parentCode} không có hoặc đã ngừng hoạt động` },
      ]);
    }
    if (!PARENT_LEVELS[level].includes(parent.level)) {
      throw new DomainError('INTAKE.AGENCY_PARENT_LEVEL', 'UNPROCESSABLE', 'Cấp của cơ quan cấp trên không phù hợp', [
        {
          field: 'parentCode',
          rule: 'parentLevel',
          message: `Cơ quan cấp ${level} phải trực thuộc ${PARENT_LEVELS[level].join(' hoặc ') || 'không cơ quan nào'}, không phải ${parent.level}`,
        },
      ]);
    }
    return parent;
  }
}
