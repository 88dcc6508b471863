import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AgencyPeriodQuery, scopeAgencyPeriod } from '../summary/agency-period.query';
import { BuildIi06aFormUseCase, Ii06aForm } from './build-ii06a-form.use-case';
import { ii06aToCsv, ii06aToXlsx } from './ii06a-export';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Form II.06a as JSON, CSV and XLSX. A supervisor sees their own agency; ADMIN any (`agency`). */
@ApiTags('forms')
@ApiBearerAuth()
@Controller('v1/forms')
export class FormsController {
  constructor(private readonly build: BuildIi06aFormUseCase) {}

  @Get('ii06a')
  @Roles('SUPERVISOR')
  ii06a(@Query() query: AgencyPeriodQuery, @CurrentUser() user: AuthUser): Promise<Ii06aForm> {
    return this.build.execute(scopeAgencyPeriod(query, user));
  }

  @Get('ii06a.csv')
  @Roles('SUPERVISOR')
  @ApiProduces('text/csv')
  async ii06aCsv(@Query() query: AgencyPeriodQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    const form = await this.build.execute(scopeAgencyPeriod(query, user));
    return new StreamableFile(Buffer.from(ii06aToCsv(form), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: attachment(form, 'csv'),
    });
  }

  @Get('ii06a.xlsx')
  @Roles('SUPERVISOR')
  @ApiProduces(XLSX)
  async ii06aXlsx(@Query() query: AgencyPeriodQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    const form = await this.build.execute(scopeAgencyPeriod(query, user));
    return new StreamableFile(await ii06aToXlsx(form), { type: XLSX, disposition: attachment(form, 'xlsx') });
  }
}

function attachment(form: Ii06aForm, ext: string): string {
  return `attachment; filename="II.06a_${form.agencyCode}_${form.from}_${form.to}.${ext}"`;
}
