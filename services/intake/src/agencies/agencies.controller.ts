import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { Agency, AGENCY_CODE } from '../catalog/agency.entity';
import { AgenciesRepository } from './agencies.repository';
import { ChildrenQuery, CreateAgencyDto, MoveAgencyDto, OfficeHoursDto } from './agency.dto';
import { ManageAgenciesUseCase } from './manage-agencies.use-case';

const view = (a: Agency) => ({
  code: a.code,
  name: a.name,
  level: a.level,
  parentCode: a.parentCode,
  provinceCode: a.provinceCode,
  tree: a.tree,
  validFrom: a.validFrom ?? null,
  validTo: a.validTo ?? null,
  active: a.active,
  adminUnitCode: a.adminUnitCode ?? null,
  officeHours: a.officeHours ?? null,
});

function checkCode(code: string): string {
  if (!AGENCY_CODE.test(code)) {
    throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
      { field: 'code', rule: 'matches', message: 'Mã cơ quan phải có dạng mã định danh LLL.LL.LL.XNN' },
    ]);
  }
  return code;
}

/** The agency tree as data (both the two-level and the three-level tree) and office hours. Reads: any staff; writes: ADMIN. */
@ApiTags('agencies')
@ApiBearerAuth()
@Controller('v1/agencies')
export class AgenciesController {
  constructor(
    private readonly agencies: AgenciesRepository,
    private readonly manage: ManageAgenciesUseCase,
    private readonly db: DataSource,
  ) {}

  @Post()
  @Roles('ADMIN')
  async create(@Body() body: CreateAgencyDto) {
    return view(await this.manage.create(body));
  }

  @Get(':code')
  async get(@Param('code') code: string) {
    const agency = await this.agencies.find(this.db.manager, checkCode(code));
    if (!agency) throw new DomainError('INTAKE.AGENCY_NOT_FOUND', 'NOT_FOUND', `Không tìm thấy cơ quan ${code}`);
    return view(agency);
  }

  /** Direct children (`?tree=TWO_LEVEL|THREE_LEVEL` keeps one tree; `?includeInactive=true`). */
  @Get(':code/children')
  async children(@Param('code') code: string, @Query() query: ChildrenQuery) {
    await this.get(code);
    return (await this.agencies.children(this.db.manager, code, query.tree, query.includeInactive === 'true')).map(view);
  }

  /** The path from the root (the province) down to the agency. */
  @Get(':code/path')
  async path(@Param('code') code: string) {
    const ancestry = await this.agencies.ancestry(this.db.manager, checkCode(code));
    if (!ancestry.length) throw new DomainError('INTAKE.AGENCY_NOT_FOUND', 'NOT_FOUND', `Không tìm thấy cơ quan ${code}`);
    return ancestry.reverse().map(view);
  }

  @Post(':code/move')
  @Roles('ADMIN')
  @HttpCode(200)
  async move(@Param('code') code: string, @Body() body: MoveAgencyDto) {
    return view(await this.manage.move(checkCode(code), body.parentCode));
  }

  @Post(':code/deactivation')
  @Roles('ADMIN')
  @HttpCode(200)
  async deactivate(@Param('code') code: string) {
    return view(await this.manage.deactivate(checkCode(code)));
  }

  /** The office hours the legal clock uses for this agency and their source (AGENCY, PROVINCE, CONFIG). */
  @Get(':code/office-hours')
  officeHours(@Param('code') code: string) {
    return this.manage.effectiveOfficeHours(checkCode(code));
  }

  /** Sets the agency's own office hours (on the province row: the province's, for every agency without its own). */
  @Put(':code/office-hours')
  @Roles('ADMIN')
  setOfficeHours(@Param('code') code: string, @Body() body: OfficeHoursDto) {
    return this.manage.setOfficeHours(checkCode(code), body);
  }

  /** Clears the agency's own office hours: it uses its province's again. */
  @Delete(':code/office-hours')
  @Roles('ADMIN')
  clearOfficeHours(@Param('code') code: string) {
    return this.manage.setOfficeHours(checkCode(code), null);
  }
}
