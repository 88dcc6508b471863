import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError, FieldProblem } from '@motcua/platform';
import { runInTransaction } from '@motcua/messaging';
import { CatalogRepository } from '../catalog/catalog.repository';
import { IntegratorKey } from './integrator-key.entity';
import { IntegratorKeyQuery, IssueIntegratorKeyDto } from './integrator-key.dto';
import { newKey } from './integrator-keys';
import { IntegratorKeysRepository } from './integrator-keys.repository';

export function integratorKeyView(k: IntegratorKey) {
  return {
    id: k.id,
    prefix: k.prefix,
    integrator: k.integrator,
    name: k.name,
    allowedAgencyCodes: k.allowedAgencyCodes,
    allowedProcedureCodes: k.allowedProcedureCodes,
    createdAt: k.createdAt.toISOString(),
    createdBy: k.createdBy,
    revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
    revokedBy: k.revokedBy,
  };
}

/** Keys of the portals that submit online dossiers: issued (the key is shown once), listed, revoked. ADMIN only. */
@ApiTags('integrators')
@ApiBearerAuth()
@Controller('v1/integrator-keys')
export class IntegratorKeysController {
  constructor(
    private readonly db: DataSource,
    private readonly keys: IntegratorKeysRepository,
    private readonly catalog: CatalogRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('ADMIN')
  async issue(@Body() body: IssueIntegratorKeyDto, @CurrentUser() admin: AuthUser) {
    const { key, prefix, hash } = newKey();
    const stored = await runInTransaction(this.db, async (m) => {
      const problems: FieldProblem[] = [];
      for (const [i, code] of body.allowedAgencyCodes.entries()) {
        if (!(await this.catalog.findAgency(m, code))) {
          problems.push({ field: `allowedAgencyCodes.${i}`, rule: 'exists', message: `Không có cơ quan ${code}` });
        }
      }
      for (const [i, code] of (body.allowedProcedureCodes ?? []).entries()) {
        if (!(await this.catalog.findProcedure(m, code))) {
          problems.push({ field: `allowedProcedureCodes.${i}`, rule: 'exists', message: `Thủ tục ${code} không có trong danh mục` });
        }
      }
      if (problems.length)
        throw new DomainError('INTAKE.INTEGRATOR_SCOPE_UNKNOWN', 'UNPROCESSABLE', 'Phạm vi khóa tích hợp không hợp lệ', problems);
      return this.keys.insert(m, {
        prefix,
        keyHash: hash,
        integrator: body.integrator,
        name: body.name,
        allowedAgencyCodes: [...new Set(body.allowedAgencyCodes)],
        allowedProcedureCodes: body.allowedProcedureCodes ? [...new Set(body.allowedProcedureCodes)] : null,
        createdAt: new Date(),
        createdBy: admin.sub,
        revokedAt: null,
        revokedBy: null,
      });
    });
    // the only time the key is shown: only its hash is stored
    return { ...integratorKeyView(stored), key };
  }

  @Get()
  @Roles('ADMIN')
  async list(@Query() query: IntegratorKeyQuery) {
    return { items: (await this.keys.list(this.db.manager, query.integrator)).map(integratorKeyView) };
  }

  /** Revokes a key at once (idempotent: a revoked key stays revoked as it was). */
  @Post(':id/revocation')
  @HttpCode(200)
  @Roles('ADMIN')
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() admin: AuthUser) {
    return runInTransaction(this.db, async (m) => {
      const key = await this.keys.find(m, id, true);
      if (!key) throw new DomainError('INTAKE.INTEGRATOR_KEY_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy khóa tích hợp');
      if (!key.revokedAt) {
        await this.keys.revoke(m, id, admin.sub, new Date());
        return integratorKeyView((await this.keys.find(m, id))!);
      }
      return integratorKeyView(key);
    });
  }
}
