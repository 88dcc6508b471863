import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { timingSafeEqual } from 'crypto';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { IntakeConfig } from '../config/intake.config';
import { DossierRepository } from '../dossiers/dossier.repository';
import { NATIONAL_STATUS_LABELS } from '../dossiers/dossier-status';
import { hashSecret } from '../dossiers/receive-dossier.use-case';
import { CheckCompletenessUseCase } from './check-completeness.use-case';
import { CompletenessCheck } from './completeness-check.entity';
import { CompletenessCheckDto } from './completeness-check.dto';
import { FORM_LABEL } from './completeness';
import { checkPdf, logbookPdf, receiptPdf } from './form-pdf';
import { FormsRepository } from './forms.repository';
import { DocumentsRepository } from '../documents/documents.repository';
import { RECEIVED_BY_ROLE_LABEL, ReceivedByRole } from '../reception/received-by';

const CHANNEL_LABEL: Record<string, string> = {
  COUNTER: 'Trực tiếp tại bộ phận một cửa',
  POSTAL: 'Qua dịch vụ bưu chính công ích',
  ONLINE: 'Trực tuyến',
};
const DELIVERY_LABEL: Record<string, string> = { COUNTER: 'Tại bộ phận một cửa', POST: 'Qua dịch vụ bưu chính công ích' };
const LOCAL_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;

export class ReceiptQuery {
  @ApiPropertyOptional({ description: "the receipt's lookup secret: printed only when it matches" })
  @IsOptional()
  @IsString()
  @Length(4, 32)
  secret?: string;
}

export class LogbookQuery {
  @ApiPropertyOptional({ description: "receiving agency (default: the caller's)" })
  @IsOptional()
  @Matches(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, { message: 'mã cơ quan có dạng LLL.LL.LL.XNN' })
  agency?: string;
  @ApiPropertyOptional({ description: 'first local day, YYYY-MM-DD' })
  @Matches(LOCAL_DAY, { message: 'ngày có dạng YYYY-MM-DD' })
  from!: string;
  @ApiPropertyOptional({ description: 'last local day (included), YYYY-MM-DD' })
  @Matches(LOCAL_DAY, { message: 'ngày có dạng YYYY-MM-DD' })
  to!: string;
}

const invalid = (field: string, rule: string, message: string) =>
  new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [{ field, rule, message }]);

/** A local day's first instant (00:00 in Asia/Ho_Chi_Minh), or null for an impossible date (30/02). */
function localMidnight(day: string): Date | null {
  const d = new Date(`${day}T00:00:00+07:00`);
  return Number.isNaN(d.getTime()) || new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) !== day ? null : d;
}

const pdf = (buffer: Buffer, name: string) =>
  new StreamableFile(buffer, { type: 'application/pdf', disposition: `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"` });

/** Completeness checks at the counter and the printable forms 01, 02, 03 and the logbook. */
@ApiTags('forms')
@ApiBearerAuth()
@Controller('v1')
export class FormsController {
  constructor(
    private readonly check: CheckCompletenessUseCase,
    private readonly forms: FormsRepository,
    private readonly dossiers: DossierRepository,
    private readonly catalog: CatalogRepository,
    private readonly db: DataSource,
    private readonly documents: DocumentsRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  /** Check a presented dossier against its procedure's components: COMPLETE, INCOMPLETE (form 02) or REFUSED (form 03). */
  @Post('completeness-checks')
  @HttpCode(201)
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK')
  async create(@Body() body: CompletenessCheckDto, @CurrentUser() clerk: AuthUser) {
    return checkView(await this.check.execute(body, clerk, new Date()));
  }

  // registered before `completeness-checks/:id`, whose parameter would otherwise swallow `….pdf`
  /** Form 02 or 03 of a check (a COMPLETE check has no form of its own: form 01 is printed with the dossier). */
  @Get('completeness-checks/:id.pdf')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR', 'ADMIN')
  @ApiProduces('application/pdf')
  async checkPdf(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    const check = await this.findCheck(id, user);
    if (check.outcome === 'COMPLETE' || !check.number) {
      throw new DomainError(
        'INTAKE.NO_FORM_FOR_COMPLETE_CHECK',
        'UNPROCESSABLE',
        'Hồ sơ đầy đủ: in giấy tiếp nhận (mẫu 01) sau khi tiếp nhận hồ sơ',
      );
    }
    const agency = await this.catalog.findAgency(this.db.manager, check.agencyCode);
    const buffer = await checkPdf(
      {
        kind: check.outcome === 'INCOMPLETE' ? 'SUPPLEMENT_REQUEST' : 'REFUSAL',
        number: check.number,
        checkedAt: check.checkedAt,
        agencyName: agency?.name ?? check.agencyCode,
        procedureCode: check.procedureCode,
        procedureName: check.procedureName,
        applicantName: check.applicantName,
        missing: check.missing,
        refusalReason: check.refusalReason,
        checkedByName: check.checkedByName,
        lookupUrl: this.config.publicLookupUrl,
      },
      this.pdfOptions,
    );
    return pdf(buffer, check.number);
  }

  @Get('completeness-checks/:id')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR', 'ADMIN')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    const check = await this.findCheck(id, user);
    // the dossier received after this check (null until then)
    return { ...checkView(check), dossierCode: await this.forms.dossierCodeForCheck(this.db.manager, check.id) };
  }

  /** Form 01 of a dossier, for staff of the receiving or competent agency. */
  @Get('dossiers/:code/receipt.pdf')
  @ApiProduces('application/pdf')
  async receipt(@Param('code') code: string, @Query() query: ReceiptQuery, @CurrentUser() user: AuthUser) {
    const m = this.db.manager;
    const dossier = await this.dossiers.findByCode(m, code);
    const entitled =
      dossier && (user.roles.includes('ADMIN') || [dossier.receivingAgencyCode, dossier.competentAgencyCode].includes(user.agencyCode));
    if (!dossier || !entitled) throw new DomainError('INTAKE.DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy hồ sơ');
    const [agency, procedure] = await Promise.all([
      this.catalog.findAgency(m, dossier.receivingAgencyCode),
      this.catalog.findForDossier(m, dossier), // the version received under, not the one in effect now
    ]);
    const digitized = new Set((await this.documents.listForDossier(m, dossier.id)).map((d) => d.componentIndex));
    const given = query.secret ? Buffer.from(hashSecret(query.secret)) : null;
    const secretMatches =
      !!given && given.length === dossier.lookupSecretHash.length && timingSafeEqual(given, Buffer.from(dossier.lookupSecretHash));
    const buffer = await receiptPdf(
      {
        code: dossier.code,
        receivedAt: dossier.receivedAt,
        appointmentAt: dossier.appointmentAt,
        receivingAgencyName: agency?.name ?? dossier.receivingAgencyCode,
        procedureCode: dossier.procedureCode,
        procedureName: dossier.procedureName,
        applicantName: dossier.applicantName,
        applicantPhone: dossier.applicantPhone,
        channelLabel: CHANNEL_LABEL[dossier.channel] ?? dossier.channel,
        resultDeliveryLabel: DELIVERY_LABEL[dossier.resultDelivery] ?? dossier.resultDelivery,
        // what was received (linked completeness check), else the procedure's required components (dossiers from before)
        components: dossier.receivedComponents
          ? dossier.receivedComponents.map((c) => ({
              name: c.name,
              form: FORM_LABEL[c.form],
              quantity: c.quantity,
              digitized: digitized.has(c.index),
            }))
          : (procedure?.components ?? [])
              .filter((c) => c.required)
              .map((c) => ({ name: c.name, form: FORM_LABEL[c.form], quantity: c.quantity })),
        receivedByName: dossier.receivedByName ?? dossier.receivedBy,
        receivedByRoleLabel: dossier.receivedByRole ? RECEIVED_BY_ROLE_LABEL[dossier.receivedByRole as ReceivedByRole] : null,
        lookupUrl: lookupUrl(this.config.publicLookupUrl, dossier.code),
        lookupSecret: secretMatches ? query.secret!.toUpperCase() : undefined,
      },
      this.pdfOptions,
    );
    return pdf(buffer, `phieu-tiep-nhan-${dossier.code}`);
  }

  /** Sổ theo dõi hồ sơ of a receiving agency between two local days (both included; at most 366 days). */
  @Get('logbook.pdf')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR', 'ADMIN')
  @ApiProduces('application/pdf')
  async logbook(@Query() query: LogbookQuery, @CurrentUser() user: AuthUser) {
    const agencyCode = query.agency ?? user.agencyCode;
    if (agencyCode !== user.agencyCode && !user.roles.includes('ADMIN')) {
      throw new DomainError('AUTH.FORBIDDEN_AGENCY', 'FORBIDDEN', 'Không có quyền xem sổ theo dõi của cơ quan khác');
    }
    const from = localMidnight(query.from);
    if (!from) throw invalid('from', 'isDate', 'Ngày không tồn tại');
    const last = localMidnight(query.to);
    if (!last) throw invalid('to', 'isDate', 'Ngày không tồn tại');
    if (last < from) throw invalid('to', 'notBeforeFrom', 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu');
    const to = new Date(last.getTime() + DAY_MS);
    if (to.getTime() - from.getTime() > 366 * DAY_MS) throw invalid('to', 'maxSpan', 'Khoảng thời gian tối đa 366 ngày');
    const m = this.db.manager;
    const agency = await this.catalog.findAgency(m, agencyCode);
    if (!agency)
      throw new DomainError('INTAKE.AGENCY_NOT_FOUND', 'UNPROCESSABLE', 'Không tìm thấy cơ quan', [
        { field: 'agency', rule: 'exists', message: 'Không tìm thấy cơ quan' },
      ]);
    const dossiers = await this.forms.logbookDossiers(m, agencyCode, from, to);
    const buffer = await logbookPdf(
      {
        agencyName: agency.name,
        from,
        to: last,
        lookupUrl: this.config.publicLookupUrl,
        rows: dossiers.map((d) => ({
          code: d.code,
          procedureName: d.procedureName,
          applicantName: d.applicantName,
          receivedAt: d.receivedAt,
          appointmentAt: d.appointmentAt,
          resolvedAt: d.resolvedAt,
          returnedAt: d.returnedAt,
          statusLabel: NATIONAL_STATUS_LABELS[d.nationalStatus] ?? '',
        })),
      },
      this.pdfOptions,
    );
    return pdf(buffer, `so-theo-doi-${agencyCode}-${query.from}-${query.to}`);
  }

  private get pdfOptions() {
    return { compress: this.config.compressPdf };
  }

  private async findCheck(id: string, user: AuthUser): Promise<CompletenessCheck> {
    const check = /^[0-9a-f-]{36}$/i.test(id) ? await this.forms.findCheck(this.db.manager, id) : null;
    if (!check || (check.agencyCode !== user.agencyCode && !user.roles.includes('ADMIN'))) {
      throw new DomainError('INTAKE.COMPLETENESS_CHECK_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy phiếu kiểm tra hồ sơ');
    }
    return check;
  }
}

/** The public lookup page for a dossier (what the QR code opens). */
export function lookupUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(code)}`;
}

function checkView(c: CompletenessCheck) {
  const form =
    c.outcome === 'COMPLETE'
      ? null
      : { set: c.formSet, number: c.formNumber, printNumber: c.number, pdf: `/api/intake/v1/completeness-checks/${c.id}.pdf` };
  return {
    id: c.id,
    outcome: c.outcome,
    procedureCode: c.procedureCode,
    procedureName: c.procedureName,
    agencyCode: c.agencyCode,
    applicantName: c.applicantName,
    presented: c.presented,
    missing: c.missing,
    refusalReason: c.refusalReason,
    checkedBy: c.checkedBy,
    checkedAt: c.checkedAt.toISOString(),
    // COMPLETE: the clerk may now receive the dossier (POST /v1/dossiers), which prints form 01
    nextForm: { set: c.formSet, number: c.formNumber },
    form,
  };
}
