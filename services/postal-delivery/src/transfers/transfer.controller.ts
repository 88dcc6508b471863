import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AGENCY_CODE_PATTERN, DOSSIER_CODE_PATTERN, PROCESSING_STEP_STARTED, ProcessingStepStartedV1 } from '@motcua/contracts';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { PostalConfig } from '../config/postal.config';
import { ManifestQuery } from '../documents/documents.controller';
import { Manifest, manifestPdf } from '../documents/documents';
import { OrderRepository } from '../orders/order.repository';
import { OpenTransferUseCase } from './open-transfer.use-case';
import { TransferRepository } from './transfer.repository';
import { AgencyDirectory } from './agency-directory';
import { maySee, seesCentre, timelineView, transferManifest, transferView } from './transfer.views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;
const STAFF = ['COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST', 'APPROVER', 'SUPERVISOR'] as const;

export class TransferListQuery {
  @ApiPropertyOptional({
    example: '000.00.06.H56',
    description: 'Mã cơ quan (mặc định: cơ quan của người dùng; chỉ ADMIN chọn cơ quan khác)',
  })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: 'agency phải có dạng LLL.LL.LL.XNN' })
  agency?: string;

  @ApiPropertyOptional({ enum: ['OUTGOING', 'INCOMING'], description: 'Chỉ chuyển đi (OUTGOING) hoặc chuyển đến (INCOMING) cơ quan' })
  @IsOptional()
  @IsIn(['OUTGOING', 'INCOMING'], { message: 'direction phải là OUTGOING hoặc INCOMING' })
  direction?: 'OUTGOING' | 'INCOMING';

  @ApiPropertyOptional({ example: '000.00.06.H56-261125-0001' })
  @IsOptional()
  @Matches(DOSSIER_CODE_PATTERN, { message: 'dossierCode không đúng định dạng mã hồ sơ' })
  dossierCode?: string;

  @ApiPropertyOptional({ example: '100', description: 'Số dòng tối đa (1–500, mặc định 100)' })
  @IsOptional()
  @Matches(/^(500|[1-4]\d{2}|[1-9]\d?)$/, { message: 'limit phải là số nguyên từ 1 đến 500' })
  limit?: string;
}

/** Paper dossiers carried by the post between agencies: lists, timelines, the daily hand-over manifest. */
@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1')
export class TransferController {
  constructor(
    private readonly transfers: TransferRepository,
    private readonly orders: OrderRepository,
    private readonly open: OpenTransferUseCase,
    private readonly db: DataSource,
    private readonly directory: AgencyDirectory,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  @EventPattern(PROCESSING_STEP_STARTED)
  onStepStarted(@Payload() e: ProcessingStepStartedV1) {
    return this.open.onStepStarted(e);
  }

  /** Transfers leaving or reaching the caller's agency (centre roles: also those of the dossiers the centre received). */
  @Get('transfers')
  @Roles(...STAFF)
  async list(@Query() query: TransferListQuery, @CurrentUser() user: AuthUser) {
    const admin = user.roles.includes('ADMIN');
    if (query.agency && !admin && query.agency !== user.agencyCode) {
      throw new DomainError('POSTAL.AGENCY_FORBIDDEN', 'FORBIDDEN', 'Không có quyền xem hồ sơ chuyển của cơ quan khác');
    }
    const agency = query.agency ?? (admin ? null : user.agencyCode);
    const rows = await this.transfers.listForAgency(this.db.manager, agency, {
      direction: query.direction,
      dossierCode: query.dossierCode,
      includeCentre: !query.direction && (admin || seesCentre(user)),
      limit: Number(query.limit ?? 100),
    });
    const orders = await this.transfers.ordersOf(
      this.db.manager,
      rows.map((t) => t.orderId),
    );
    return rows.map((t) =>
      transferView(
        t,
        orders.find((o) => o.id === t.orderId),
      ),
    );
  }

  /** One transfer with its carrier timeline; a transfer the caller may not see answers 404. */
  @Get('transfers/:id')
  @Roles(...STAFF)
  async get(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    if (!UUID.test(id)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'id', rule: 'isUuid', message: 'id phải là mã chuyển hồ sơ (UUID)' },
      ]);
    }
    const t = await this.transfers.findById(this.db.manager, id);
    if (!t || !maySee(user, t)) throw new DomainError('POSTAL.TRANSFER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy lượt chuyển hồ sơ');
    const order = (await this.orders.findById(this.db.manager, t.orderId)) ?? undefined;
    return { ...transferView(t, order), timeline: timelineView(await this.orders.events(this.db.manager, [t.orderId])) };
  }

  /** The transfers an agency handed to the post on one local day (JSON). */
  @Get('transfer-manifests')
  @Roles(...STAFF)
  manifest(@Query() query: ManifestQuery, @CurrentUser() user: AuthUser): Promise<Manifest> {
    this.assertAgency(user, query.centre);
    return this.load(query);
  }

  /** The same as a printable A4 PDF with signature blocks (the centre's manifest layout). */
  @Get('transfer-manifests.pdf')
  @Roles(...STAFF)
  @ApiProduces('application/pdf')
  async manifestAsPdf(@Query() query: ManifestQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    this.assertAgency(user, query.centre);
    const pdf = await manifestPdf(await this.load(query), this.config);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="bang-ke-chuyen-ho-so-${query.centre}-${query.date}.pdf"`,
    });
  }

  private assertAgency(user: AuthUser, agency: string): void {
    if (!user.roles.includes('ADMIN') && user.agencyCode !== agency) {
      throw new DomainError('POSTAL.CENTRE_FORBIDDEN', 'FORBIDDEN', 'Không có quyền xem bưu gửi của đơn vị khác');
    }
  }

  private async load(query: ManifestQuery): Promise<Manifest> {
    const start = Date.parse(`${query.date}T00:00:00+07:00`);
    if (!Number.isFinite(start) || new Date(start + 7 * 3_600_000).toISOString().slice(0, 10) !== query.date) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'date', rule: 'isDate', message: 'date không phải là ngày có thật' },
      ]);
    }
    const sent = await this.transfers.findSentBy(this.db.manager, query.centre, new Date(start), new Date(start + DAY_MS));
    const orders = await this.transfers.ordersOf(
      this.db.manager,
      sent.map((t) => t.orderId),
    );
    return transferManifest(query.centre, query.date, sent, orders, (code, centre) => this.directory.name(code, centre));
  }
}
