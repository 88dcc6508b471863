import { Body, Controller, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Public } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { SATISFACTION_LEVELS, SatisfactionLevel } from '@motcua/contracts';
import { PublicRateLimiter } from '../dossiers/public-rate-limiter';
import { EvaluateDossierUseCase, SATISFACTION_LABELS } from './evaluate-dossier.use-case';

export class EvaluateDto {
  @ApiProperty({ description: 'Mã tra cứu in trên giấy tiếp nhận' }) @IsString() @Length(4, 32) secret!: string;
  @ApiProperty({ enum: SATISFACTION_LEVELS }) @IsIn(SATISFACTION_LEVELS) level!: SatisfactionLevel;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @Length(0, 1000)
  comment?: string;
}

/** Satisfaction evaluation by the citizen (public: code + receipt secret, rate-limited per IP). */
@ApiTags('evaluation')
@Controller('v1/lookup')
export class EvaluationController {
  constructor(
    private readonly evaluate: EvaluateDossierUseCase,
    private readonly limiter: PublicRateLimiter,
  ) {}

  @Public()
  @Post(':code/evaluation')
  @HttpCode(201)
  async create(@Param('code') code: string, @Body() body: EvaluateDto, @Ip() ip: string) {
    this.limiter.take(ip);
    const e = await this.evaluate.execute(code, body.secret, body.level, body.comment || undefined, new Date());
    return {
      code,
      level: e.level,
      levelLabel: SATISFACTION_LABELS[e.level as SatisfactionLevel],
      comment: e.comment,
      evaluatedAt: toLocalIso(e.evaluatedAt),
    };
  }
}
