import { Body, Controller, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { Public } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { SupplementDto, WithdrawDto } from '../dossiers/after-reception.dto';
import { DossierRepository } from '../dossiers/dossier.repository';
import { dossierView } from '../dossiers/dossier.view';
import { ReceiveSupplementUseCase } from '../dossiers/receive-supplement.use-case';
import { WithdrawDossierUseCase } from '../dossiers/withdraw-dossier.use-case';
import { ReceiveDossierDto } from '../dossiers/receive-dossier.dto';
import { ReceiveDossierUseCase } from '../dossiers/receive-dossier.use-case';
import { receptionView } from '../reception/received-by';
import { IntegratorKey } from './integrator-key.entity';
import { OnlineDossierDto } from './integrator-key.dto';
import { CurrentIntegratorKey, IntegratorKeyGuard } from './integrator-key.guard';
import { isOnlineReplay, OnlineIdempotency, onlineRequestHash } from './online-requests';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

const forbidden = (field: string, rule: string, message: string) =>
  new DomainError('AUTH.API_KEY_SCOPE', 'FORBIDDEN', 'Khóa tích hợp không được phép nộp hồ sơ này', [{ field, rule, message }]);

/** Online reception (channel 2): a portal submits with its integrator key (`X-Api-Key`). */
@ApiTags('dossiers')
@Controller('v1/online/dossiers')
export class OnlineDossiersController {
  constructor(
    private readonly receive: ReceiveDossierUseCase,
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly supplement: ReceiveSupplementUseCase,
    private readonly withdrawal: WithdrawDossierUseCase,
  ) {}

  @Post()
  @Public()
  @UseGuards(IntegratorKeyGuard)
  @HttpCode(201)
  @ApiHeader({ name: 'X-Api-Key', required: true })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'scoped per integrator' })
  async create(
    @Body() body: OnlineDossierDto,
    @CurrentIntegratorKey() key: IntegratorKey,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    assertIdempotencyKey(idempotencyKey);
    if (!key.allowedAgencyCodes.includes(body.receivingAgencyCode)) {
      throw forbidden('receivingAgencyCode', 'allowedAgency', `Khóa không được nộp hồ sơ cho cơ quan ${body.receivingAgencyCode}`);
    }
    if (key.allowedProcedureCodes && !key.allowedProcedureCodes.includes(body.procedureCode)) {
      throw forbidden('procedureCode', 'allowedProcedure', `Khóa không được nộp hồ sơ thủ tục ${body.procedureCode}`);
    }
    const { receivingAgencyCode, ...rest } = body;
    const dossierBody = Object.assign(new ReceiveDossierDto(), rest, { channel: 'ONLINE' as const });
    const result = await this.receive.execute({
      body: dossierBody,
      clerk: { sub: `integrator:${key.integrator}`, name: key.name, roles: ['INTEGRATOR'], agencyCode: receivingAgencyCode },
      integrator: { keyId: key.id, code: key.integrator },
      // '@' and '/' cannot appear in a client's key: an integrator's keys never meet another's or a clerk's
      idempotencyKey: idempotencyKey === undefined ? undefined : `@${key.integrator}/${idempotencyKey}`,
      receivedAt: new Date(),
    });
    if (result.replayed) res.status(200);
    return { ...dossierView(result.dossier), ...receptionView(result.dossier), lookupSecret: result.lookupSecret };
  }

  /** The citizen's supplement sent by the portal that submitted the dossier: back to status 4 (before the deadline). */
  @Post(':code/supplements')
  @Public()
  @UseGuards(IntegratorKeyGuard)
  @HttpCode(201)
  @ApiHeader({ name: 'X-Api-Key', required: true })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'scoped per integrator' })
  async supplements(
    @Param('code') code: string,
    @Body() body: SupplementDto,
    @CurrentIntegratorKey() key: IntegratorKey,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { user, idempotency, replay } = await this.onlineAction(code, key, idempotencyKey, 'SUPPLEMENT', body);
    if (replay) res.status(200);
    return dossierView(await this.supplement.execute(code, user, body.note, new Date(), idempotency));
  }

  /** Withdrawal at the citizen's request sent by the portal that submitted the dossier (status 7). */
  @Post(':code/withdrawal')
  @Public()
  @UseGuards(IntegratorKeyGuard)
  @HttpCode(200)
  @ApiHeader({ name: 'X-Api-Key', required: true })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'scoped per integrator' })
  async withdraw(
    @Param('code') code: string,
    @Body() body: WithdrawDto,
    @CurrentIntegratorKey() key: IntegratorKey,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    const { user, idempotency } = await this.onlineAction(code, key, idempotencyKey, 'WITHDRAWAL', body);
    return dossierView(await this.withdrawal.execute(code, user, body.reason, new Date(), idempotency));
  }

  /**
   * Only the integrator that submitted the dossier acts on it, at an agency its key still covers (else 404,
   * as for an unknown code); it acts as `integrator:{code}` of the receiving agency.
   */
  private async onlineAction(
    code: string,
    key: IntegratorKey,
    idempotencyKey: string | undefined,
    action: OnlineIdempotency['action'],
    body: object,
  ): Promise<{ user: AuthUser; idempotency?: OnlineIdempotency; replay: boolean }> {
    assertIdempotencyKey(idempotencyKey);
    const dossier = await this.dossiers.findByCode(this.db.manager, code);
    if (!dossier || dossier.integratorCode !== key.integrator || !key.allowedAgencyCodes.includes(dossier.receivingAgencyCode)) {
      throw new DomainError('INTAKE.DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy hồ sơ');
    }
    const user: AuthUser = {
      sub: `integrator:${key.integrator}`,
      name: key.name,
      roles: ['INTEGRATOR'],
      agencyCode: dossier.receivingAgencyCode,
    };
    if (idempotencyKey === undefined) return { user, replay: false };
    const idempotency: OnlineIdempotency = { key: `@${key.integrator}/${idempotencyKey}`, action, hash: onlineRequestHash(code, body) };
    return { user, idempotency, replay: await isOnlineReplay(this.db.manager, idempotency, dossier.id) };
  }
}

function assertIdempotencyKey(idempotencyKey: string | undefined): void {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
      { field: 'Idempotency-Key', rule: 'matches', message: 'Idempotency-Key gồm 8–128 ký tự chữ, số, . _ : -' },
    ]);
  }
}
