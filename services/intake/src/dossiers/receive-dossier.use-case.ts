import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { createHash, createHmac, randomUUID } from 'crypto';
import { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { DOSSIER_RECEIVED, DossierReceivedV1 } from '@motcua/contracts';
import { managerOf, Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';
import { LegalClockProvider } from '../calendar/legal-clock.provider';
import { PortalSyncQueue } from '../portal/portal-sync.queue';
import { CatalogRepository } from '../catalog/catalog.repository';
import { Agency } from '../catalog/agency.entity';
import { ProcedureView } from '../catalog/procedure-version.entity';
import { DossierRepository } from './dossier.repository';
import { Dossier } from './dossier.entity';
import { DOSSIER_STATUSES } from './dossier-status';
import { ReceiveDossierDto } from './receive-dossier.dto';
import { ReceptionComponents } from '../forms/reception-components';
import { receivedByColumns } from '../reception/received-by';

export interface ReceiveDossierCommand {
  body: ReceiveDossierDto;
  clerk: AuthUser;
  idempotencyKey?: string;
  receivedAt: Date;
  /** Online: the integrator whose key submitted it (src/integrators). */
  integrator?: { keyId: string; code: string };
  /** Applicant fields filled from the population database (src/population). */
  prefilled?: string[] | null;
  /**
   * Fills the body from the population database (src/population): called only when the request is not a
   * replay of an Idempotency-Key, so a replay never asks the database again. The key's request hash is
   * the body as sent.
   */
  prefill?: (body: ReceiveDossierDto) => Promise<{ body: ReceiveDossierDto; prefilled: string[] | null }>;
}

export interface ReceiveDossierResult {
  dossier: Dossier;
  /** The secret printed on the receipt (also on a replay of the same request). */
  lookupSecret: string;
  replayed: boolean;
}

/** Why an agency cannot act on a local date (`YYYY-MM-DD`): deactivated, or outside `valid_from` … `valid_to` (exclusive). */
export function agencyUnavailable(agency: Agency, date: string): { rule: string; message: string } | null {
  if (agency.active === false) return { rule: 'active', message: `Cơ quan ${agency.code} đã ngừng hoạt động` };
  if ((agency.validFrom && date < agency.validFrom) || (agency.validTo && date >= agency.validTo)) {
    return {
      rule: 'validPeriod',
      message: `Cơ quan ${agency.code} chỉ hoạt động từ ${agency.validFrom ?? '…'} đến trước ${agency.validTo ?? '…'}`,
    };
  }
  return null;
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
    private readonly receptionComponents: ReceptionComponents,
  ) {}

  async execute(cmd: ReceiveDossierCommand): Promise<ReceiveDossierResult> {
    const { clerk } = cmd;
    let body = cmd.body;
    // online: the receiving agency is the integrator's choice, so one key with another agency is another request
    const hash = requestHash(
      cmd.integrator ? Object.assign(new ReceiveDossierDto(), body, { receivingAgencyCode: clerk.agencyCode }) : body,
    );
    if (cmd.idempotencyKey) {
      const existing = await this.dossiers.findByIdempotencyKey(managerOf(this.db), cmd.idempotencyKey);
      if (existing) return this.replay(existing, hash);
    }
    let prefilled = cmd.prefilled ?? null;
    if (cmd.prefill) ({ body, prefilled } = await cmd.prefill(body));
    if (!body.applicant.fullName) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'applicant.fullName', rule: 'isDefined', message: 'Cần họ và tên người nộp hồ sơ (hoặc điền sẵn từ CSDL dân cư)' },
      ]);
    }
    // the stored year schedules (cached) and the receiving agency's office hours; a year without a schedule counts Monday–Friday
    const clock = await this.clocks.clockFor(managerOf(this.db), clerk.agencyCode);
    try {
      return await runInTransaction(this.db, async (m) => {
        // the version in effect at receipt; a competent-agency rule resolves against the receiving agency
        const procedure = await this.catalog.findProcedure(m, body.procedureCode, cmd.receivedAt, {
          receivingAgencyCode: clerk.agencyCode,
        });
        if (!procedure) {
          throw new DomainError('INTAKE.PROCEDURE_NOT_FOUND', 'UNPROCESSABLE', 'Không tìm thấy thủ tục hành chính', [
            { field: 'procedureCode', rule: 'exists', message: `Thủ tục ${body.procedureCode} không có trong danh mục` },
          ]);
        }
        await this.assertAgencyAvailable(m, clerk.agencyCode, 'receivingAgencyCode', 'tiếp nhận', cmd.receivedAt);
        // online level: NONE cannot be received online; PARTIAL is, with the originals checked at return
        if (body.channel === 'ONLINE' && procedure.version !== null && procedure.onlineLevel === 'NONE') {
          throw new DomainError('INTAKE.ONLINE_NOT_ALLOWED', 'UNPROCESSABLE', 'Thủ tục này không được nộp trực tuyến', [
            {
              field: 'procedureCode',
              rule: 'onlineLevel',
              message: `Thủ tục ${procedure.code} không cung cấp dịch vụ công trực tuyến (mức độ: không); công dân nộp trực tiếp hoặc qua bưu chính`,
            },
          ]);
        }
        const competentAgencyCode = await this.competentAgency(m, procedure, body);
        await this.assertAgencyAvailable(m, competentAgencyCode, 'competentAgencyCode', 'giải quyết', cmd.receivedAt);
        await this.assertSameProvince(m, clerk.agencyCode, competentAgencyCode, procedure.code);
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
        const appointmentAt = clock.addDuration(receivedAt, procedure.processingTime);
        const dossierId = randomUUID();
        await this.dossiers.addTimeline(m, {
          dossierId,
          occurredAt: receivedAt,
          nationalStatus: DOSSIER_STATUSES.RECEIVED.national,
          description: 'Tiếp nhận hồ sơ, cấp giấy tiếp nhận và hẹn trả kết quả',
        });
        // ADR 0004: the agency-day counter row stays locked until commit, so everything that does not need the
        // number comes before it; after it only the inserts that carry the code
        const reception = await this.receptionComponents.resolve(m, body, procedure, clerk, receivedAt);
        const number = await this.dossiers.nextNumber(m, clerk.agencyCode, day);
        const code = `${clerk.agencyCode}-${day.slice(2).replace(/-/g, '')}-${String(number).padStart(4, '0')}`;
        const secret = lookupSecretFor(this.config.lookupSecretKey, code);
        const dossier = await this.dossiers.insert(m, {
          id: dossierId,
          code,
          procedureCode: procedure.code,
          procedureName: procedure.name,
          procedureVersion: procedure.version,
          receivingAgencyCode: clerk.agencyCode,
          competentAgencyCode,
          channel: body.channel,
          status: 'RECEIVED',
          nationalStatus: DOSSIER_STATUSES.RECEIVED.national,
          applicantName: body.applicant.fullName!,
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
          ...receivedByColumns(clerk, cmd.integrator),
          ...reception,
          prefilledFields: prefilled,
          applicantResidence: body.applicant.residence ? { ...body.applicant.residence } : null,
          originalsRequiredAtReturn: body.channel === 'ONLINE' && procedure.onlineLevel === 'PARTIAL',
          supplementDeadlineAt: null,
          idempotencyKey: cmd.idempotencyKey ?? null,
          requestHash: cmd.idempotencyKey ? hash : null,
        });
        const event: DossierReceivedV1 = {
          dossierCode: code,
          procedureCode: procedure.code,
          procedureName: procedure.name,
          receivingAgencyCode: clerk.agencyCode,
          competentAgencyCode,
          channel: body.channel,
          receivedAt: receivedAt.toISOString(),
          appointmentAt: appointmentAt.toISOString(),
          resultDelivery: body.resultDelivery,
          applicant: { fullName: body.applicant.fullName!, phone: body.applicant.phone, email: body.applicant.email },
          deliveryAddress: dossier.deliveryAddress ?? undefined,
        };
        await this.outbox.add(DOSSIER_RECEIVED, 1, event, { correlationId: code });
        await this.portal.record(
          m,
          dossier,
          { actor: clerk.name, department: clerk.agencyCode, content: 'Tiếp nhận hồ sơ', at: receivedAt },
          true,
          { fieldCode: procedure.fieldCode ?? '', fees: procedure.fees ?? [] },
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

  /** The competent agency: the version's fixed agency, or its rule resolved (COMMUNE_OF_RESIDENCE from the applicant's residence). */
  private async competentAgency(m: EntityManager, procedure: ProcedureView, body: ReceiveDossierDto): Promise<string> {
    if (procedure.competentAgencyRule !== 'COMMUNE_OF_RESIDENCE') return procedure.competentAgencyCode;
    const residence = body.applicant.residence;
    if (!residence) {
      throw new DomainError('INTAKE.COMPETENT_AGENCY_UNRESOLVED', 'UNPROCESSABLE', 'Không xác định được cơ quan có thẩm quyền giải quyết', [
        {
          field: 'applicant.residence',
          rule: 'requiredByCompetenceRule',
          message: 'Thủ tục do UBND xã nơi cư trú giải quyết: cần nơi cư trú của người nộp (hoặc điền sẵn từ CSDL dân cư)',
        },
      ]);
    }
    const commune = await this.catalog.findCommuneAgency(m, residence.communeCode);
    if (!commune) {
      throw new DomainError('INTAKE.COMPETENT_AGENCY_UNRESOLVED', 'UNPROCESSABLE', 'Không xác định được cơ quan có thẩm quyền giải quyết', [
        {
          field: 'applicant.residence.communeCode',
          rule: 'communeAgencyExists',
          message: `Không có UBND xã/phường đang hoạt động với mã đơn vị hành chính ${residence.communeCode}`,
        },
      ]);
    }
    return commune.code;
  }

  /** An inactive agency, or one outside its validity period at the reception's local date, neither receives nor is competent. */
  private async assertAgencyAvailable(m: EntityManager, code: string, field: string, role: string, at: Date): Promise<void> {
    const agency = await this.catalog.findAgency(m, code);
    if (!agency) return; // agencies not in the tree (older data) are not judged here
    const problem = agencyUnavailable(agency, localDate(at));
    if (problem) {
      throw new DomainError('INTAKE.AGENCY_UNAVAILABLE', 'UNPROCESSABLE', `Cơ quan ${code} không thể ${role} hồ sơ`, [
        { field, rule: problem.rule, message: problem.message },
      ]);
    }
  }

  /**
   * Phi địa giới: a centre receives any procedure of any agency in its own province (and routes it to the
   * competent agency), never one whose competent agency is in another province.
   */
  private async assertSameProvince(m: EntityManager, receiving: string, competent: string, procedureCode: string): Promise<void> {
    if (receiving === competent) return;
    const [from, to] = await Promise.all([this.catalog.findAgency(m, receiving), this.catalog.findAgency(m, competent)]);
    if (!from || !to || from.provinceCode === to.provinceCode) return; // agencies not in the tree are not judged here
    throw new DomainError('INTAKE.OUTSIDE_PROVINCE', 'UNPROCESSABLE', 'Thủ tục thuộc thẩm quyền của cơ quan ngoài tỉnh', [
      {
        field: 'procedureCode',
        rule: 'competentAgencyInProvince',
        message: `Thủ tục ${procedureCode} do ${competent} (tỉnh ${to.provinceCode}) giải quyết; ${receiving} chỉ tiếp nhận hồ sơ của các cơ quan trong tỉnh ${from.provinceCode}`,
      },
    ]);
  }

  private replay(existing: Dossier, hash: string): ReceiveDossierResult {
    if (existing.requestHash !== hash) {
      throw new DomainError('INTAKE.IDEMPOTENCY_KEY_REUSED', 'CONFLICT', 'Idempotency-Key đã được dùng cho một yêu cầu khác');
    }
    return { dossier: existing, lookupSecret: lookupSecretFor(this.config.lookupSecretKey, existing.code), replayed: true };
  }
}
