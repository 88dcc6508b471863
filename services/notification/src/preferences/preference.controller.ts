import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { toLocalIso } from '@motcua/calendar';
import { PhonePreference } from './phone-preference.entity';
import { PhonePreferenceRepository } from './phone-preference.repository';
import { PutPreferenceDto } from './preference.dto';

const PHONE = /^0\d{9}$/;

function checkPhone(phone: string): void {
  if (!PHONE.test(phone)) {
    throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
      { field: 'phone', rule: 'matches', message: 'phone phải gồm 10 chữ số, bắt đầu bằng 0' },
    ]);
  }
}

function view(phone: string, p: PhonePreference | null) {
  return {
    phone,
    optedOut: p?.optedOut ?? false,
    channels: p?.channels ?? null,
    email: p?.email ?? null,
    updatedBy: p?.updatedBy ?? null,
    updatedAt: p ? toLocalIso(p.updatedAt) : null,
  };
}

/**
 * A citizen's choices for their phone number, recorded by staff at the counter (or by an integrator
 * for a portal): opt out of every message, or choose the channels. Not agency-scoped: the choice
 * belongs to the citizen and applies to all their dossiers.
 */
@ApiTags('preferences')
@ApiBearerAuth()
@Controller('v1/preferences')
@Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR', 'INTEGRATOR')
export class PreferenceController {
  constructor(
    private readonly preferences: PhonePreferenceRepository,
    private readonly db: DataSource,
  ) {}

  @Get(':phone')
  async get(@Param('phone') phone: string) {
    checkPhone(phone);
    return view(phone, await this.preferences.find(this.db.manager, phone));
  }

  @Put(':phone')
  async put(@Param('phone') phone: string, @Body() body: PutPreferenceDto, @CurrentUser() user: AuthUser) {
    checkPhone(phone);
    const saved = await runInTransaction(this.db, (m) =>
      this.preferences.upsert(m, {
        phone,
        optedOut: body.optedOut,
        channels: body.channels && body.channels.length > 0 ? body.channels : null,
        email: body.email ?? null,
        updatedBy: user.sub,
      }),
    );
    return view(phone, saved);
  }
}
