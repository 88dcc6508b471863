import { Body, Controller, Get, Header, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AGENCY_CODE_PATTERN } from '@motcua/contracts';
import { toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { localDayStart } from '../postmen/postman.controller';
import { ProcedureConfigRepository, reconcile, Reconciliation, reconciliationCsv } from './charges';
import { POSTAGE_ZONES, PostageZone } from './postage-tariff.entity';
import { EXAMPLE_POSTAGE_TARIFF, PostageTariff } from './tariff';

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
  @ApiPropertyOptional({ description: 'Cước phát kết quả theo bảng cước (vùng, khối lượng) thay cho cước cố định' })
  @IsOptional()
  @IsBoolean()
  postageFromTariff?: boolean;
  @ApiPropertyOptional({ description: 'Người dân nộp phí, lệ phí của thủ tục khi nhận kết quả (thu hộ)' })
  @IsOptional()
  @IsBoolean()
  feesOnDelivery?: boolean;
  @ApiPropertyOptional({ description: 'Người dân trả cước khi nhận kết quả (thu hộ)' })
  @IsOptional()
  @IsBoolean()
  postageOnDelivery?: boolean;
}

export class TariffBandDto {
  @ApiProperty({ enum: POSTAGE_ZONES }) @IsIn(POSTAGE_ZONES) zone!: PostageZone;
  @ApiProperty({ example: 500, description: 'Nấc khối lượng: đến (gram)' }) @IsInt() @Min(1) @Max(100_000) maxWeightGrams!: number;
  @ApiProperty({ example: 24000, description: 'Cước (đồng)' }) @IsInt() @Min(0) @Max(10_000_000) postageVnd!: number;
}

export class TariffDto {
  @ApiProperty({ type: [TariffBandDto] })
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => TariffBandDto)
  bands!: TariffBandDto[];
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
    private readonly tariff: PostageTariff,
    private readonly db: DataSource,
  ) {}

  /** The postage tariff by zone and weight band (the migration loads example values until an ADMIN replaces them). */
  @Get('postage-tariff')
  @Roles('ADMIN', 'SUPERVISOR', 'POSTAL_CLERK')
  async getTariff() {
    return this.tariffView(await this.tariff.bands());
  }

  @Put('postage-tariff')
  @Roles('ADMIN')
  async putTariff(@Body() body: TariffDto, @CurrentUser() user: AuthUser) {
    return this.tariffView(await this.tariff.replace(body.bands, user));
  }

  private tariffView(bands: Array<{ zone: string; maxWeightGrams: number; postageVnd: number; updatedBy: string; updatedAt: Date }>) {
    const isExample =
      bands.length === EXAMPLE_POSTAGE_TARIFF.length &&
      bands.every(
        (b) =>
          b.updatedBy === 'migration' &&
          EXAMPLE_POSTAGE_TARIFF.some((e) => e.zone === b.zone && e.maxWeightGrams === b.maxWeightGrams && e.postageVnd === b.postageVnd),
      );
    return {
      example: isExample,
      bands: bands.map((b) => ({
        zone: b.zone,
        maxWeightGrams: b.maxWeightGrams,
        postageVnd: b.postageVnd,
        updatedBy: b.updatedBy,
        updatedAt: toLocalIso(b.updatedAt),
      })),
    };
  }

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
