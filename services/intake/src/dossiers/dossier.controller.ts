import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { DossierRepository } from './dossier.repository';
import { dossierView, timelineView } from './dossier.view';
import { ReceiveDossierDto } from './receive-dossier.dto';
import { ReceiveDossierUseCase } from './receive-dossier.use-case';
import { ReturnResultDto, SupplementDto, WithdrawDto } from './after-reception.dto';
import { ReceiveSupplementUseCase } from './receive-supplement.use-case';
import { ReturnResultAtCounterUseCase } from './return-result-at-counter.use-case';
import { WithdrawDossierUseCase } from './withdraw-dossier.use-case';
import { PopulationDataUnavailableFilter } from '../population/population-data';
import { PopulationDataService } from '../population/population-data.service';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('v1/dossiers')
export class DossierController {
  constructor(
    private readonly receive: ReceiveDossierUseCase,
    private readonly dossiers: DossierRepository,
    private readonly db: DataSource,
    private readonly supplement: ReceiveSupplementUseCase,
    private readonly withdrawal: WithdrawDossierUseCase,
    private readonly returnAtCounter: ReturnResultAtCounterUseCase,
    private readonly population: PopulationDataService,
  ) {}

  /** Receive a complete dossier at the counter (or from the post or a portal): form 01. */
  @Post()
  @HttpCode(201)
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'INTEGRATOR')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @UseFilters(PopulationDataUnavailableFilter)
  async create(
    @Body() body: ReceiveDossierDto,
    @CurrentUser() clerk: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'Idempotency-Key', rule: 'matches', message: 'Idempotency-Key gồm 8–128 ký tự chữ, số, . _ : -' },
      ]);
    }
    const result = await this.receive.execute({
      body,
      clerk,
      idempotencyKey,
      receivedAt: new Date(),
      // "citizen doesn't write": missing applicant fields from the population database (counter only), not on a replay
      prefill: (b) => this.population.prefillReception(b, clerk),
    });
    if (result.replayed) res.status(200);
    return { ...dossierView(result.dossier), lookupSecret: result.lookupSecret };
  }

  /** A dossier with its timeline, for staff of the receiving or the competent agency. */
  @Get(':code')
  async get(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    const dossier = await this.dossiers.findByCode(this.db.manager, code);
    const entitled =
      dossier && (user.roles.includes('ADMIN') || [dossier.receivingAgencyCode, dossier.competentAgencyCode].includes(user.agencyCode));
    if (!dossier || !entitled) throw new DomainError('INTAKE.DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy hồ sơ');
    return { ...dossierView(dossier), timeline: timelineView(await this.dossiers.timeline(this.db.manager, dossier.id)) };
  }

  /** The citizen's supplement, handed in at the counter or sent by a portal: back to status 4. */
  @Post(':code/supplements')
  @HttpCode(201)
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'INTEGRATOR')
  async supplements(@Param('code') code: string, @Body() body: SupplementDto, @CurrentUser() user: AuthUser) {
    return dossierView(await this.supplement.execute(code, user, body.note, new Date()));
  }

  /** Withdrawal at the citizen's request (status 7). */
  @Post(':code/withdrawal')
  @HttpCode(200)
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'INTEGRATOR')
  async withdraw(@Param('code') code: string, @Body() body: WithdrawDto, @CurrentUser() user: AuthUser) {
    return dossierView(await this.withdrawal.execute(code, user, body.reason, new Date()));
  }

  /** Return of the result at the counter (status 10), with who received it. */
  @Post(':code/return')
  @HttpCode(200)
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK')
  async returnResult(@Param('code') code: string, @Body() body: ReturnResultDto, @CurrentUser() user: AuthUser) {
    return dossierView(await this.returnAtCounter.execute(code, user, body.receivedBy, new Date(), body.originalsChecked === true));
  }
}
