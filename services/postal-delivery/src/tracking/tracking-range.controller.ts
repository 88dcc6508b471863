import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { s10TrackingNumber } from '../carriers/s10';
import { TrackingPool } from './tracking-pool';
import { TrackingRange } from './tracking-range.entity';

export class LoadTrackingRangeDto {
  @ApiProperty({ example: 'EM', description: 'Hai chữ cái đầu của số hiệu (UPU S10)' })
  @Matches(/^[A-Z]{2}$/, { message: 'prefix gồm 2 chữ cái in hoa' })
  prefix!: string;
  @ApiProperty({ example: 10000000 }) @IsInt() @Min(0) @Max(99_999_999) serialFrom!: number;
  @ApiProperty({ example: 10009999 }) @IsInt() @Min(0) @Max(99_999_999) serialTo!: number;
}

function view(r: TrackingRange) {
  return {
    id: r.id,
    prefix: r.prefix,
    serialFrom: r.serialFrom,
    serialTo: r.serialTo,
    first: s10TrackingNumber(r.prefix, r.serialFrom),
    last: s10TrackingNumber(r.prefix, r.serialTo),
    used: r.nextSerial - r.serialFrom,
    remaining: Math.max(0, r.serialTo - r.nextSerial + 1),
    loadedBy: r.loadedBy,
    loadedAt: toLocalIso(r.loadedAt),
  };
}

/** Ranges of tracking numbers assigned by VNPost (ADMIN only: ranges are shared by every centre). */
@ApiTags('tracking-ranges')
@ApiBearerAuth()
@Controller('v1/tracking-ranges')
export class TrackingRangeController {
  constructor(private readonly pool: TrackingPool) {}

  @Post()
  @Roles('ADMIN')
  async load(@Body() body: LoadTrackingRangeDto, @CurrentUser() user: AuthUser) {
    return view(await this.pool.load(body, user));
  }

  @Get()
  @Roles('ADMIN')
  async list() {
    return (await this.pool.list()).map(view);
  }
}
