import { Body, Controller, Get, Header, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AGENCY_CODE_PATTERN } from '@motcua/contracts';
import { toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { localDayStart } from '../postmen/postman.controller';
import { ProcedureConfigRepository, reconcile, Reconciliation, reconciliationCsv } from './charges';

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;

export class ProcedureConfigDto {
  @ApiProperty({ example: 25000, description: 'Cước (đồng)' }) @IsInt() @Min(0) @Max(10_000_000) postage!: number;
  @ApiProperty({ example: 50000, description: 'Tiền thu hộ (COD, đồng); 0 = không thu hộ' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  codAmount!: number;
  @ApiPropertyOptional({ description: 'Chuyển hồ sơ giấy giữa các cơ quan theo bước xử lý (mặc định: không)' })
  @IsOptional()
  @IsBoolean()
  paperTransfer?: boolean;
}

export class ReconciliationQuery {
  @ApiProperty({ example: '000.00.06.H56' })
  @Matches(AGENCY_CODE_PATTERN, { message: 'centre phải có dạng LLL.LL.LL.XNN' })
  centre!: string;
  @ApiProperty({ example: '2026-11-25' }) @Matches(LOCAL_DATE, { message: 'date phải là ngày dạng YYYY-MM-DD' }) date!: string;
}

/** Postage and COD: per-procedure settings (ADMIN) and the daily reconciliation of a centre against the carrier. */
@ApiTags('charges')
@ApiBearerAuth()
@Controller('v1')
export class ChargesController {
  constructor(
    private readonly configs: ProcedureConfigRepository,
    private readonly db: DataSource,
  ) {}

  @Put('procedure-configs/:procedureCode')
  @Roles('ADMIN')
  async put(@Param('procedureCode') procedureCode: string, @Body() body: ProcedureConfigDto, @CurrentUser() user: AuthUser) {
    if (!/^[0-9A-Za-z.\-_]{1,40}$/.test(procedureCode)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'procedureCode', rule: 'isProcedureCode', message: 'Mã thủ tục không hợp lệ' },
      ]);
    }
    const row = await this.configs.upsert(procedureCode, body, user);
    return { ...row, updatedAt: toLocalIso(row.updatedAt) };
  }

  @Get('procedure-configs')
  @Roles('ADMIN', 'SUPERVISOR', 'POSTAL_CLERK')
  async list() {
    return (await this.configs.list()).map((r) => ({ ...r, updatedAt: toLocalIso(r.updatedAt) }));
  }

  /** Expected vs reported COD (VNPost 21) and postage of the centre's orders opened on a local day. */
  @Get('reconciliation')
  @Roles('POSTAL_CLERK', 'SUPERVISOR')
  reconciliation(@Query() query: ReconciliationQuery, @CurrentUser() user: AuthUser): Promise<Reconciliation> {
    return this.load(query, user);
  }

  @Get('reconciliation.csv')
  @Roles('POSTAL_CLERK', 'SUPERVISOR')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Query() query: ReconciliationQuery, @CurrentUser() user: AuthUser): Promise<string> {
    return reconciliationCsv(await this.load(query, user));
  }

  private async load(query: ReconciliationQuery, user: AuthUser): Promise<Reconciliation> {
    if (!user.roles.includes('ADMIN') && user.agencyCode !== query.centre) {
      throw new DomainError('POSTAL.CENTRE_FORBIDDEN', 'FORBIDDEN', 'Không có quyền xem bưu gửi của đơn vị khác');
    }
    const start = localDayStart(query.date);
    const orders = await this.db
      .getRepository(DeliveryOrder)
      .createQueryBuilder('o')
      .where('o.centre_code = :centre', { centre: query.centre })
      .andWhere('o.created_at >= :from AND o.created_at < :to', { from: new Date(start), to: new Date(start + DAY_MS) })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.serial', 'ASC')
      .getMany();
    return reconcile(query.centre, query.date, orders);
  }
}
