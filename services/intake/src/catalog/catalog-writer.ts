import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { CATALOG_PROCEDURE_VERSION_PUBLISHED, ProcedureVersionPublishedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { ApiValidationPipe, DomainError, FieldProblem } from '@motcua/platform';
import { Agency } from './agency.entity';
import { CatalogRepository } from './catalog.repository';
import { CreateProcedureDto, LOCAL_DATE, ProcedureVersionDto } from './procedure-version.dto';
import { ProcedureVersion, ProcedureVersionContent } from './procedure-version.entity';

/** One procedure of a catalog (file, seed or request): its code and the content of its next version. */
export interface CatalogItem {
  code: string;
  content: ProcedureVersionContent;
  /** Where it came from, for error reports: the CSV line or the JSON item (1-based). */
  line?: number;
  item?: number;
}

/** A problem of an import, located by CSV line or JSON item. */
export interface ImportProblem extends FieldProblem {
  line?: number;
  item?: number;
}

export interface ImportSummary {
  dryRun: boolean;
  procedures: number;
  created: string[];
  newVersions: { code: string; version: number }[];
  unchanged: string[];
}

const pipe = new ApiValidationPipe();
const CATALOG_LOCK = 71_000_001; // pg_advisory_xact_lock key: one catalog writer at a time (seed, admin, import)

export function realDate(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Canonical JSON (sorted keys, no undefined) for the content hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const contentHash = (content: ProcedureVersionContent) => createHash('sha256').update(canonical(content)).digest('hex');

/** The stored content of a validated DTO: defaults filled (component codes TP01…), optional fields null. */
export function toContent(dto: ProcedureVersionDto): ProcedureVersionContent {
  return {
    nationalCode: dto.nationalCode ?? null,
    name: dto.name,
    fieldCode: dto.fieldCode,
    fieldName: dto.fieldName,
    level: dto.level,
    competentAgencyCode: dto.competentAgencyCode ?? null,
    competentAgencyRule: dto.competentAgencyRule ?? null,
    components: dto.components.map((c, i) => ({
      code: c.code ?? `TP${String(i + 1).padStart(2, '0')}`,
      name: c.name,
      form: c.form,
      quantity: c.quantity,
      required: c.required,
      ...(c.condition ? { condition: c.condition } : {}),
    })),
    processingTime: { value: dto.processingTime.value, unit: dto.processingTime.unit },
    fees: dto.fees.map((f) => ({ name: f.name, amountVnd: f.amountVnd })),
    onlineLevel: dto.onlineLevel,
    postMayCarryDossier: dto.postMayCarryDossier,
    postMayCarryResult: dto.postMayCarryResult,
    effectiveFrom: dto.effectiveFrom,
    effectiveTo: dto.effectiveTo ?? null,
  };
}

/** Rules class-validator cannot express on one field (tolerant of a raw, unvalidated object). */
function crossFieldProblems(dto: ProcedureVersionDto): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!dto || typeof dto !== 'object') return out;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  if (!!text(dto.competentAgencyCode) === !!text(dto.competentAgencyRule)) {
    out.push({
      field: 'competentAgencyCode',
      rule: 'exactlyOne',
      message: 'Cần đúng một trong hai: mã cơ quan có thẩm quyền (competentAgencyCode) hoặc quy tắc xác định (competentAgencyRule)',
    });
  }
  const from = text(dto.effectiveFrom);
  const to = text(dto.effectiveTo);
  for (const [f, v] of [
    ['effectiveFrom', from],
    ['effectiveTo', to],
  ] as const) {
    if (v && LOCAL_DATE.test(v) && !realDate(v)) out.push({ field: f, rule: 'realDate', message: `${f}: ngày ${v} không có thật` });
  }
  if (from && to && to <= from) {
    out.push({ field: 'effectiveTo', rule: 'afterEffectiveFrom', message: 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực' });
  }
  const time = dto.processingTime as Partial<ProcedureVersionDto['processingTime']> | undefined;
  if (time && typeof time.value === 'number' && time.unit !== 'WITHIN_DAY' && time.value < 1) {
    out.push({ field: 'processingTime.value', rule: 'min', message: 'Thời hạn giải quyết phải từ 1 trở lên' });
  }
  const seen = new Set<string>();
  (Array.isArray(dto.components) ? dto.components : []).forEach((c, i) => {
    if (!c || typeof c !== 'object') return;
    if (c.required === false && !text(c.condition)) {
      out.push({
        field: `components.${i}.condition`,
        rule: 'requiredWhenConditional',
        message: 'Thành phần có điều kiện (required = false) phải nêu điều kiện',
      });
    }
    const code = text(c.code) ?? `TP${String(i + 1).padStart(2, '0')}`;
    if (seen.has(code)) out.push({ field: `components.${i}.code`, rule: 'unique', message: `Mã thành phần ${code} bị trùng` });
    seen.add(code);
  });
  return out;
}

/** Validates one raw item (a DTO with `code` when `withCode`), returning the item or its problems. */
export async function validateCatalogItem(raw: unknown, withCode: boolean, where: { line?: number; item?: number } = {}) {
  const problems: ImportProblem[] = [];
  let dto: CreateProcedureDto | undefined;
  try {
    dto = (await pipe.transform(raw, {
      type: 'body',
      metatype: withCode ? CreateProcedureDto : ProcedureVersionDto,
    })) as CreateProcedureDto;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    problems.push(...(err.details ?? []).map((p) => ({ ...where, ...p })));
  }
  // the cross-field rules too, also when the pipe refused some fields (every error at once)
  const seen = new Set(problems.map((p) => `${p.field}|${p.rule}`));
  const cross = crossFieldProblems((dto ?? raw) as ProcedureVersionDto).filter((p) => !seen.has(`${p.field}|${p.rule}`));
  problems.push(...cross.map((p) => ({ ...where, ...p })));
  const item: CatalogItem | undefined =
    dto && !problems.length ? { code: withCode ? dto.code : '', content: toContent(dto), ...where } : undefined;
  return { item, problems };
}

/**
 * Every write to the procedure catalog: a new procedure, a new version, a file import, the seed. A
 * version is stored only when its content differs from the procedure's latest version, and each stored
 * version publishes `catalog.procedure-version-published` v1 in the same transaction. Writers are
 * serialized by a transaction-scoped advisory lock (replicas seeding at once add each version once).
 */
@Injectable()
export class CatalogWriter {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  /** Problems needing the database: unknown competent agencies, a code twice in one file. */
  async checkAgainstStore(m: EntityManager, items: CatalogItem[]): Promise<ImportProblem[]> {
    const out: ImportProblem[] = [];
    const codes = [...new Set(items.map((i) => i.content.competentAgencyCode).filter((c): c is string => !!c))];
    const known = new Set(
      codes.length ? (await m.getRepository(Agency).find({ where: { code: In(codes) }, select: { code: true } })).map((a) => a.code) : [],
    );
    const seen = new Map<string, CatalogItem>();
    for (const i of items) {
      const where = { line: i.line, item: i.item };
      if (i.content.competentAgencyCode && !known.has(i.content.competentAgencyCode)) {
        out.push({
          ...where,
          field: 'competentAgencyCode',
          rule: 'exists',
          message: `Cơ quan ${i.content.competentAgencyCode} không có trong danh mục cơ quan`,
        });
      }
      if (seen.has(i.code)) out.push({ ...where, field: 'code', rule: 'unique', message: `Thủ tục ${i.code} xuất hiện hai lần trong tệp` });
      seen.set(i.code, i);
    }
    return out;
  }

  /** Adds a version per item whose content differs from its latest one (all or nothing), publishing each. */
  async apply(items: CatalogItem[], actor: string, dryRun = false, checkAgencies = true): Promise<ImportSummary> {
    const summary: ImportSummary = { dryRun, procedures: items.length, created: [], newVersions: [], unchanged: [] };
    const work = async (m: EntityManager) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOCK]);
      if (checkAgencies) {
        const problems = await this.checkAgainstStore(m, items);
        if (problems.length) throw importRefused(problems);
      }
      const latest = await this.catalog.latestVersions(
        m,
        items.map((i) => i.code),
      );
      for (const item of items) {
        const hash = contentHash(item.content);
        const last = latest.get(item.code);
        if (last?.contentHash === hash) {
          summary.unchanged.push(item.code);
          continue;
        }
        const version = (last?.version ?? 0) + 1;
        if (!last) summary.created.push(item.code);
        summary.newVersions.push({ code: item.code, version });
        if (!dryRun) await this.store(m, item, version, hash, actor);
      }
      return summary;
    };
    return runInTransaction(this.db, work);
  }

  /** A new procedure (version 1); 409 when the code exists. */
  async createProcedure(dto: CreateProcedureDto, actor: string): Promise<ProcedureVersion> {
    return runInTransaction(this.db, async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOCK]);
      if (await this.catalog.procedureExists(m, dto.code)) {
        throw new DomainError('INTAKE.PROCEDURE_EXISTS', 'CONFLICT', `Thủ tục ${dto.code} đã có trong danh mục`, [
          { field: 'code', rule: 'unique', message: `Thủ tục ${dto.code} đã có; thêm phiên bản mới thay vì tạo lại` },
        ]);
      }
      const item = await this.validated(dto, true);
      await this.refuseUnknownAgency(m, item);
      return this.store(m, item, 1, contentHash(item.content), actor);
    });
  }

  /** A new version of an existing procedure; `created: false` with the latest when the content is identical. */
  async addVersion(code: string, dto: ProcedureVersionDto, actor: string): Promise<{ version: ProcedureVersion; created: boolean }> {
    return runInTransaction(this.db, async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOCK]);
      if (!(await this.catalog.procedureExists(m, code))) {
        throw new DomainError('INTAKE.PROCEDURE_NOT_FOUND', 'NOT_FOUND', `Không tìm thấy thủ tục ${code}`);
      }
      const item = { ...(await this.validated(dto, false)), code };
      await this.refuseUnknownAgency(m, item);
      const last = await this.catalog.latestVersion(m, code);
      const hash = contentHash(item.content);
      if (last?.contentHash === hash) return { version: last, created: false };
      return { version: await this.store(m, item, (last?.version ?? 0) + 1, hash, actor), created: true };
    });
  }

  /** Publishes the versions not yet published (made by a migration), once: rows are locked and marked. */
  async publishPending(): Promise<number> {
    return runInTransaction(this.db, async (m) => {
      const pending = await this.catalog.lockUnpublished(m);
      for (const v of pending) await this.publish(m, v);
      return pending.length;
    });
  }

  private async validated(dto: ProcedureVersionDto, withCode: boolean): Promise<CatalogItem> {
    const problems = crossFieldProblems(dto);
    if (problems.length) throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);
    return { code: withCode ? (dto as CreateProcedureDto).code : '', content: toContent(dto) };
  }

  private async refuseUnknownAgency(m: EntityManager, item: CatalogItem): Promise<void> {
    const problems = (await this.checkAgainstStore(m, [item])).map(({ field, rule, message }) => ({ field, rule, message }));
    if (problems.length)
      throw new DomainError('INTAKE.AGENCY_NOT_FOUND', 'UNPROCESSABLE', 'Không tìm thấy cơ quan có thẩm quyền', problems);
  }

  private async store(m: EntityManager, item: CatalogItem, version: number, hash: string, actor: string): Promise<ProcedureVersion> {
    const row = await this.catalog.insertVersion(m, {
      ...item.content,
      procedureCode: item.code,
      version,
      contentHash: hash,
      createdBy: actor,
      createdAt: new Date(),
      publishedAt: null,
    });
    await this.publish(m, row);
    return row;
  }

  private async publish(m: EntityManager, v: ProcedureVersion): Promise<void> {
    const publishedAt = new Date();
    const event: ProcedureVersionPublishedV1 = {
      procedureCode: v.procedureCode,
      version: v.version,
      name: v.name,
      fieldCode: v.fieldCode,
      fieldName: v.fieldName,
      competentAgency: v.competentAgencyCode ?? v.competentAgencyRule ?? '',
      processingTime: { unit: v.processingTime.unit, value: v.processingTime.value },
      components: v.components.map((c, i) => ({
        code: c.code ?? `TP${String(i + 1).padStart(2, '0')}`,
        name: c.name,
        form: c.form,
        quantity: c.quantity,
        required: c.required,
        ...(c.condition ? { condition: c.condition } : {}),
      })),
      fees: v.fees,
      onlineLevel: v.onlineLevel,
      postMayCarryDossier: v.postMayCarryDossier,
      postMayCarryResult: v.postMayCarryResult,
      effectiveFrom: v.effectiveFrom,
      ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
      publishedAt: publishedAt.toISOString(),
    };
    await this.outbox.add(CATALOG_PROCEDURE_VERSION_PUBLISHED, 1, event, { correlationId: `procedure-${v.procedureCode}-v${v.version}` });
    await this.catalog.markPublished(m, v, publishedAt);
  }
}

export function importRefused(problems: ImportProblem[]): DomainError {
  return new DomainError(
    'INTAKE.CATALOG_IMPORT_INVALID',
    'UNPROCESSABLE',
    `Tệp danh mục có ${problems.length} lỗi; không thủ tục nào được nhập`,
    problems,
  );
}
