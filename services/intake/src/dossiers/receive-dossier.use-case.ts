import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHash, createHmac } from 'crypto';
import { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { DOSSIER_RECEIVED, DossierReceivedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';
import { LegalClockProvider } from '../calendar/legal-clock.provider';
import { PortalSyncQueue } from '../portal/portal-sync.queue';
import { CatalogRepository } from '../catalog/catalog.repository';
import { DossierRepository } from './dossier.repository';
import { Dossier } from './dossier.entity';
import { DOSSIER_STATUSES } from './dossier-status';
import { ReceiveDossierDto } from './receive-dossier.dto';

export interface ReceiveDossierCommand {
  body: ReceiveDossierDto;
  clerk: AuthUser;
  idempotencyKey?: string;
  receivedAt: Date;
}

export interface ReceiveDossierResult {
  dossier: Dossier;
  /** The secret printed on the receipt (also on a replay of the same request). */
  lookupSecret: string;
  replayed: boolean;
}

const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The receipt's lookup secret: 8 characters derived from the dossier code with a server key (HMAC), so
 * a replayed request (Idempotency-Key) can print the same receipt again; only its hash is stored.
 */
export function lookupSecretFor(key: string, code: string): string {
  const mac = createHmac('sha256', key).update(code).digest();
  return Array.from({ length: 8 }, (_, i) => SECRET_ALPHABET[mac[i] % SECRET_ALPHABET.length]).join('');
}
export const hashSecret = (secret: string) => createHash('sha256').update(secret.toUpperCase()).digest('hex');
const requestHash = (body: ReceiveDossierDto) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** Receives a complete dossier: code, appointment, receipt secret, `dossier.received` (form 01). */
@Injectable()
export class ReceiveDossierUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly catalog: CatalogRepository,
    private readonly clocks: LegalClockProvider,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    private readonly portal: PortalSyncQueue,
  ) {}

  async execute(cmd: ReceiveDossierCommand): Promise<ReceiveDossierResult> {
    const { body, clerk } = cmd;
    const hash = requestHash(body);
    if (cmd.idempotencyKey) {
      const existing = await this.dossiers.findByIdempotencyKey(this.db.manager, cmd.idempotencyKey);
      if (existing) return this.replay(existing, hash);
    }
    // the stored year schedules (cached) and the receiving agency's office hours; a year without a schedule counts Monday–Friday
    const clock = await this.clocks.clockFor(this.db.manager, clerk.agencyCode);
    try {
      return await runInTransaction(this.db, async (m) => {
        const procedure = await this.catalog.findProcedure(m, body.procedureCode);
        if (!procedure) {
          throw new DomainError('INTAKE.PROCEDURE_NOT_FOUND', 'UNPROCESSABLE', 'Không tìm thấy thủ tục hành chính', [
            { field: 'procedureCode', rule: 'exists', message: `Thủ tục ${body.procedureCode} không có trong danh mục` },
          ]);
        }
        if (body.resultDelivery === 'POST' && !body.deliveryAddress) {
          throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
            { field: 'deliveryAddress', rule: 'requiredWhenPost', message: 'Cần địa chỉ nhận kết quả khi chọn trả kết quả qua bưu chính' },
          ]);
        }
        if (body.resultDelivery === 'POST' && !procedure.postAllowed) {
          throw new DomainError('INTAKE.POST_NOT_ALLOWED', 'UNPROCESSABLE', 'Thủ tục này không trả kết quả qua bưu chính', [
            {
              field: 'resultDelivery',
              rule: 'postAllowed',
              message: 'Thủ tục này không cho phép trả kết quả qua dịch vụ bưu chính công ích',
            },
          ]);
        }
        const receivedAt = cmd.receivedAt;
        const day = localDate(receivedAt);
        const number = await this.dossiers.nextNumber(m, clerk.agencyCode, day);
        const code = `${clerk.agencyCode}-${day.slice(2).replace(/-/g, '')}-${String(number).padStart(4, '0')}`;
        const appointmentAt = clock.addDuration(receivedAt, procedure.processingTime);
        const secret = lookupSecretFor(this.config.lookupSecretKey, code);
        const dossier = await this.dossiers.insert(m, {
          code,
          procedureCode: procedure.code,
          procedureName: procedure.name,
          receivingAgencyCode: clerk.agencyCode,
          competentAgencyCode: procedure.competentAgencyCode,
          channel: body.channel,
          status: 'RECEIVED',
          nationalStatus: DOSSIER_STATUSES.RECEIVED.national,
          applicantName: body.applicant.fullName,
          applicantIdNumber: body.applicant.idNumber,
          applicantPhone: body.applicant.phone ?? null,
          applicantEmail: body.applicant.email ?? null,
          resultDelivery: body.resultDelivery,
          deliveryAddress: body.resultDelivery === 'POST' ? { ...body.deliveryAddress! } : null,
          receivedAt,
          appointmentAt,
          resolvedAt: null,
          returnedAt: null,
          lookupSecretHash: hashSecret(secret),
          receivedBy: clerk.sub,
          idempotencyKey: cmd.idempotencyKey ?? null,
          requestHash: cmd.idempotencyKey ? hash : null,
        });
        await this.dossiers.addTimeline(m, {
          dossierId: dossier.id,
          occurredAt: receivedAt,
          nationalStatus: DOSSIER_STATUSES.RECEIVED.national,
          description: 'Tiếp nhận hồ sơ, cấp giấy tiếp nhận và hẹn trả kết quả',
        });
        const event: DossierReceivedV1 = {
          dossierCode: code,
          procedureCode: procedure.code,
          procedureName: procedure.name,
          receivingAgencyCode: clerk.agencyCode,
          competentAgencyCode: procedure.competentAgencyCode,
          channel: body.channel,
          receivedAt: receivedAt.toISOString(),
          appointmentAt: appointmentAt.toISOString(),
          resultDelivery: body.resultDelivery,
          applicant: { fullName: body.applicant.fullName, phone: body.applicant.phone, email: body.applicant.email },
          deliveryAddress: dossier.deliveryAddress ?? undefined,
        };
        await this.outbox.add(DOSSIER_RECEIVED, 1, event, { correlationId: code });
        await this.portal.record(
          m,
          dossier,
          { actor: clerk.name, department: clerk.agencyCode, content: 'Tiếp nhận hồ sơ', at: receivedAt },
          true,
        );
        return { dossier, lookupSecret: secret, replayed: false };
      });
    } catch (err) {
      // Two requests with one Idempotency-Key raced: the loser reads the winner's dossier.
      if (cmd.idempotencyKey && (err as { code?: string }).code === '23505') {
        const existing = await this.dossiers.findByIdempotencyKey(this.db.manager, cmd.idempotencyKey);
        if (existing) return this.replay(existing, hash);
      }
      throw err;
    }
  }

  private replay(existing: Dossier, hash: string): ReceiveDossierResult {
    if (existing.requestHash !== hash) {
      throw new DomainError('INTAKE.IDEMPOTENCY_KEY_REUSED', 'CONFLICT', 'Idempotency-Key đã được dùng cho một yêu cầu khác');
    }
    return { dossier: existing, lookupSecret: lookupSecretFor(this.config.lookupSecretKey, existing.code), replayed: true };
  }
}
