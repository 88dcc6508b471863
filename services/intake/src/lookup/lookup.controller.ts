import { Controller, Get, Ip, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { timingSafeEqual } from 'crypto';
import { DataSource } from 'typeorm';
import { Public } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { DossierRepository } from '../dossiers/dossier.repository';
import { NATIONAL_STATUS_LABELS } from '../dossiers/dossier-status';
import { formatLocal, maskName, timelineView } from '../dossiers/dossier.view';
import { hashSecret } from '../dossiers/receive-dossier.use-case';
import { PublicRateLimiter } from '../dossiers/public-rate-limiter';

export class LookupQuery {
  @IsString() @Length(4, 32) secret!: string;
}

/** Citizens look their dossier up by code plus the secret printed on the receipt. */
@ApiTags('lookup')
@Controller('v1/lookup')
export class LookupController {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly db: DataSource,
    private readonly limiter: PublicRateLimiter,
  ) {}

  @Public()
  @Get(':code')
  async lookup(@Param('code') code: string, @Query() query: LookupQuery, @Ip() ip: string) {
    this.limiter.take(ip);
    const dossier = await this.dossiers.findByCode(this.db.manager, code);
    const expected = Buffer.from(dossier?.lookupSecretHash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(hashSecret(query.secret), 'hex');
    // same error and the same work whether the code or the secret is wrong
    if (!timingSafeEqual(expected, given) || !dossier) {
      throw new DomainError('INTAKE.LOOKUP_FAILED', 'NOT_FOUND', 'Mã hồ sơ hoặc mã tra cứu không đúng');
    }
    return {
      code: dossier.code,
      procedureName: dossier.procedureName,
      applicantName: maskName(dossier.applicantName),
      nationalStatus: dossier.nationalStatus,
      statusLabel: NATIONAL_STATUS_LABELS[dossier.nationalStatus],
      receivedAt: toLocalIso(dossier.receivedAt),
      appointmentAt: toLocalIso(dossier.appointmentAt),
      resultDelivery: dossier.resultDelivery,
      // hạn bổ sung: while a supplement request with a deadline is open
      supplementDeadlineAt: dossier.supplementDeadlineAt ? toLocalIso(dossier.supplementDeadlineAt) : null,
      supplementDeadlineLabel: dossier.supplementDeadlineAt ? `Hạn bổ sung: ${formatLocal(dossier.supplementDeadlineAt)}` : null,
      originalsRequiredAtReturn: dossier.originalsRequiredAtReturn,
      timeline: timelineView(await this.dossiers.timeline(this.db.manager, dossier.id)),
    };
  }
}
