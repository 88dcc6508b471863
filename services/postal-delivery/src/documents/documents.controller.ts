import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { AGENCY_CODE_PATTERN } from '@motcua/contracts';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { PostalConfig } from '../config/postal.config';
import { OrderRepository } from '../orders/order.repository';
import { PickupRepository } from '../pickups/pickup.repository';
import { AgencyDirectory } from '../transfers/agency-directory';
import { TransferRepository } from '../transfers/transfer.repository';
import { labelParties, labelPdf, Manifest, manifestOf, manifestPdf } from './documents';

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

export class ManifestQuery {
  @ApiProperty({ example: '000.00.06.H56', description: 'Mã trung tâm (cơ quan tiếp nhận) giao bưu gửi' })
  @Matches(AGENCY_CODE_PATTERN, { message: 'centre phải có dạng LLL.LL.LL.XNN' })
  centre!: string;

  @ApiProperty({ example: '2026-11-25', description: 'Ngày (YYYY-MM-DD, giờ Việt Nam)' })
  @Matches(LOCAL_DATE, { message: 'date phải là ngày dạng YYYY-MM-DD' })
  date!: string;
}

/** Staff may act for their own centre only; ADMIN for every centre. */
function assertCentre(user: AuthUser, centre: string | null): void {
  if (!user.roles.includes('ADMIN') && user.agencyCode !== centre) {
    throw new DomainError('POSTAL.CENTRE_FORBIDDEN', 'FORBIDDEN', 'Không có quyền xem bưu gửi của đơn vị khác');
  }
}

/** Paper for the post: shipping labels and the daily hand-over manifest (bảng kê) of a centre. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1')
export class DocumentsController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    private readonly db: DataSource,
    private readonly transfers: TransferRepository,
    private readonly directory: AgencyDirectory,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  /**
   * The order's label (A6 PDF): Code 128 barcode of the tracking number, sender, receiver. A transfer's label
   * is printed by the agency sending the paper (its SPECIALIST too); the centre's staff print the others.
   */
  @Get('orders/:id/label.pdf')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR', 'SPECIALIST')
  @ApiProduces('application/pdf')
  async label(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    if (!UUID.test(id)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'id', rule: 'isUuid', message: 'id phải là mã đơn hàng (UUID)' },
      ]);
    }
    const order = await this.orders.findById(this.db.manager, id);
    // another centre's order is not revealed: same answer as a missing one
    const staffOnly = !user.roles.some((r) => r === 'ADMIN' || r === 'COUNTER_CLERK' || r === 'POSTAL_CLERK' || r === 'SUPERVISOR');
    if (!order || (!user.roles.includes('ADMIN') && order.centreCode !== user.agencyCode)) {
      throw new DomainError('POSTAL.ORDER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy đơn hàng');
    }
    if (staffOnly && order.kind !== 'TRANSFER') {
      throw new DomainError('POSTAL.LABEL_FORBIDDEN', 'FORBIDDEN', 'Chỉ cán bộ bộ phận một cửa, bưu chính được in nhãn bưu gửi này');
    }
    if (!order.trackingNumber) throw new DomainError('POSTAL.ORDER_NOT_READY', 'CONFLICT', 'Đơn hàng chưa có số hiệu bưu gửi');
    const request = order.kind === 'RESULT_DELIVERY' ? await this.orders.findRequest(this.db.manager, order.dossierCode) : null;
    const pickup = order.kind === 'PICKUP' ? await this.pickups.findByOrder(this.db.manager, order.id) : null;
    const transfer = order.kind === 'TRANSFER' ? await this.transfers.findByOrder(this.db.manager, order.id) : null;
    const parties = labelParties(
      order,
      request ?? undefined,
      pickup ?? undefined,
      this.config,
      transfer ? { transfer, directory: this.directory } : undefined,
    );
    const pdf = await labelPdf(order, parties, this.config);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${order.trackingNumber}.pdf"` });
  }

  /** The centre's hand-over manifest of one local day (result deliveries opened that day), as JSON. */
  @Get('manifests')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR')
  manifest(@Query() query: ManifestQuery, @CurrentUser() user: AuthUser): Promise<Manifest> {
    assertCentre(user, query.centre);
    return this.load(query);
  }

  /** The same manifest as a printable PDF with signature blocks (bên giao / bên nhận). */
  @Get('manifests.pdf')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR')
  @ApiProduces('application/pdf')
  async manifestAsPdf(@Query() query: ManifestQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    assertCentre(user, query.centre);
    const pdf = await manifestPdf(await this.load(query), this.config);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="bang-ke-${query.centre}-${query.date}.pdf"`,
    });
  }

  private async load(query: ManifestQuery): Promise<Manifest> {
    const start = Date.parse(`${query.date}T00:00:00+07:00`);
    if (!Number.isFinite(start) || new Date(start + 7 * 3_600_000).toISOString().slice(0, 10) !== query.date) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'date', rule: 'isDate', message: 'date không phải là ngày có thật' },
      ]);
    }
    const orders = await this.orders.findByCentre(
      this.db.manager,
      query.centre,
      'RESULT_DELIVERY',
      new Date(start),
      new Date(start + DAY_MS),
    );
    const requests = await this.orders.findRequests(
      this.db.manager,
      orders.map((o) => o.dossierCode),
    );
    return manifestOf(query.centre, query.date, orders, requests);
  }
}
