import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { localDate, toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { carrierStatusLabel, stateLabel } from '../documents/documents';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { OrderRepository } from '../orders/order.repository';
import { RecordCollectionDto } from './collection.dto';
import { RequestPickupDto } from './pickup.dto';
import { PickupRepository } from './pickup.repository';
import { RecordCollectionUseCase } from './record-collection.use-case';
import { RequestPickupUseCase } from './request-pickup.use-case';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PICKUP_FAILED = [5, 8];

/** Pickup orders (thu gom): the post collects a dossier at the citizen's address and brings it to the centre. */
@ApiTags('pickups')
@ApiBearerAuth()
@Controller('v1/pickups')
export class PickupController {
  constructor(
    private readonly requestPickup: RequestPickupUseCase,
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    private readonly catalog: CatalogRepository,
    private readonly recordCollection: RecordCollectionUseCase,
    private readonly db: DataSource,
  ) {}

  /** Asks the post to collect a dossier at an address within a time window (portal, counter or phone line). */
  @Post()
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'INTEGRATOR')
  async create(@Body() body: RequestPickupDto, @CurrentUser() user: AuthUser) {
    const order = await this.requestPickup.execute(body, user);
    return this.view(order);
  }

  /** A pickup with its tracking timeline, failures (with the carrier's reasons) and postal receipt time. */
  @Get(':id')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'POSTMAN', 'SUPERVISOR', 'INTEGRATOR')
  async get(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    checkId(id);
    const order = await this.orders.findById(this.db.manager, id);
    if (!order || order.kind !== 'PICKUP' || (!user.roles.includes('ADMIN') && order.centreCode !== user.agencyCode)) {
      throw new DomainError('POSTAL.PICKUP_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy yêu cầu thu gom');
    }
    return this.view(order);
  }

  /**
   * The postman records what was taken at the door: components (checked against the procedure's list),
   * fees collected and the seal number; the pickup counts as collected (carrier status 6, MANUAL).
   */
  @Post(':id/collection')
  @Roles('POSTMAN')
  async collect(@Param('id') id: string, @Body() body: RecordCollectionDto, @CurrentUser() user: AuthUser) {
    checkId(id);
    await this.recordCollection.execute(id, body, user);
    return this.view((await this.orders.findById(this.db.manager, id)) as DeliveryOrder);
  }

  private async view(order: DeliveryOrder) {
    const pickup = await this.pickups.findByOrder(this.db.manager, order.id);
    const timeline = await this.orders.events(this.db.manager, [order.id]);
    const version = pickup ? await this.catalog.effective(this.db.manager, pickup.procedureCode, localDate(pickup.windowFrom)) : null;
    return {
      id: order.id,
      reference: order.dossierCode,
      kind: order.kind,
      centreCode: order.centreCode,
      trackingNumber: order.trackingNumber,
      state: order.state,
      stateLabel: stateLabel(order.state),
      carrierStatus: order.lastCarrierStatus,
      carrierStatusLabel: carrierStatusLabel(order.lastCarrierStatus),
      channel: pickup?.channel ?? null,
      procedureCode: pickup?.procedureCode ?? null,
      procedureName: pickup?.procedureName ?? null,
      applicant: pickup ? { fullName: pickup.applicantName, phone: pickup.applicantPhone } : null,
      address: pickup
        ? {
            line: pickup.addressLine,
            communeCode: pickup.communeCode,
            districtCode: pickup.districtCode,
            provinceCode: pickup.provinceCode,
          }
        : null,
      window: pickup ? { from: toLocalIso(pickup.windowFrom), to: toLocalIso(pickup.windowTo) } : null,
      postalReceiptAt: pickup?.postalReceiptAt ? toLocalIso(pickup.postalReceiptAt) : null,
      arrivedAt: order.deliveredAt ? toLocalIso(order.deliveredAt) : null,
      checklist: version
        ? {
            procedureVersion: version.version,
            components: version.components,
            fees: version.fees,
            feesTotalVnd: version.fees.reduce((sum, f) => sum + f.amountVnd, 0),
          }
        : null,
      collection: pickup?.collectedAt
        ? {
            at: toLocalIso(pickup.collectedAt),
            by: pickup.collectedBy,
            procedureVersion: pickup.procedureVersion,
            components: pickup.collectedComponents,
            feesExpectedVnd: pickup.feesExpected,
            feesCollectedVnd: pickup.feesCollected,
            sealNumber: pickup.sealNumber,
            note: pickup.collectionNote,
          }
        : null,
      failures: timeline
        .filter((e) => PICKUP_FAILED.includes(e.carrierStatus))
        .map((e) => ({ at: toLocalIso(e.occurredAt), reason: e.note || null })),
      timeline: timeline.map((e) => ({
        at: toLocalIso(e.occurredAt),
        carrierStatus: e.carrierStatus,
        label: e.label,
        note: e.note,
        source: e.source,
      })),
    };
  }
}

function checkId(id: string): void {
  if (!UUID.test(id)) {
    throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
      { field: 'id', rule: 'isUuid', message: 'id phải là mã yêu cầu thu gom (UUID)' },
    ]);
  }
}
