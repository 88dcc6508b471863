import {
  Body,
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  NestInterceptor,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { localDate } from '@motcua/calendar';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { readCsvCatalog, readJsonCatalog } from './catalog-file';
import { CatalogItem, CatalogWriter, ImportProblem, importRefused, realDate, validateCatalogItem } from './catalog-writer';
import { CatalogRepository } from './catalog.repository';
import { CreateProcedureDto, EffectiveVersionQuery, ImportQuery, PROCEDURE_CODE, ProcedureVersionDto } from './procedure-version.dto';
import { ProcedureVersion } from './procedure-version.entity';

const MAX_CATALOG_FILE_BYTES = 5 * 1024 * 1024;

const invalid = (field: string, rule: string, message: string) =>
  new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [{ field, rule, message }]);

/** Parses `multipart/form-data` with one catalog file in field `file` (JSON or CSV, at most 5 MB). */
@Injectable()
export class CatalogFileInterceptor implements NestInterceptor {
  private readonly parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: MAX_CATALOG_FILE_BYTES, files: 1, fields: 5 },
  }).single('file');

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      throw invalid('Content-Type', 'multipart', 'Gửi tệp danh mục trong trường "file" của multipart/form-data');
    }
    await new Promise<void>((resolve, reject) =>
      this.parse(req, http.getResponse<Response>(), (err: unknown) => {
        if (!err) return resolve();
        const code = (err as { code?: string }).code;
        reject(
          code === 'LIMIT_FILE_SIZE'
            ? invalid('file', 'maxSize', 'Tệp danh mục tối đa 5 MB')
            : invalid('file', code ?? 'multipart', 'Chỉ gửi một tệp trong trường "file"'),
        );
      }),
    );
    return next.handle();
  }
}

export const versionView = (v: ProcedureVersion) => ({
  procedureCode: v.procedureCode,
  version: v.version,
  nationalCode: v.nationalCode,
  name: v.name,
  fieldCode: v.fieldCode,
  fieldName: v.fieldName,
  level: v.level,
  competentAgencyCode: v.competentAgencyCode,
  competentAgencyRule: v.competentAgencyRule,
  components: v.components,
  processingTime: v.processingTime,
  fees: v.fees,
  onlineLevel: v.onlineLevel,
  postMayCarryDossier: v.postMayCarryDossier,
  postMayCarryResult: v.postMayCarryResult,
  effectiveFrom: v.effectiveFrom,
  effectiveTo: v.effectiveTo,
  createdAt: v.createdAt.toISOString(),
  createdBy: v.createdBy,
  publishedAt: v.publishedAt?.toISOString() ?? null,
});

function checkCode(code: string): string {
  if (!PROCEDURE_CODE.test(code)) throw invalid('code', 'matches', 'Mã thủ tục gồm chữ, số, dấu chấm, gạch (tối đa 40 ký tự)');
  return code;
}

/** The procedure catalog for administrators: procedures, versions, file import. */
@ApiTags('procedures (admin)')
@ApiBearerAuth()
@Controller('v1/procedures')
export class CatalogAdminController {
  constructor(
    private readonly writer: CatalogWriter,
    private readonly catalog: CatalogRepository,
    private readonly db: DataSource,
  ) {}

  /** A new procedure with its version 1 (409 when the code exists). */
  @Post()
  @Roles('ADMIN')
  async create(@Body() body: CreateProcedureDto, @CurrentUser() admin: AuthUser) {
    return versionView(await this.writer.createProcedure(body, admin.sub));
  }

  /**
   * Imports a catalog file (multipart field `file`, `.json` or `.csv`): all or nothing; a line whose
   * content equals the procedure's latest version adds nothing. `?dryRun=true` reports, stores nothing.
   */
  @Post('import')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(CatalogFileInterceptor)
  async import(@Req() req: Request, @Query() query: ImportQuery, @CurrentUser() admin: AuthUser) {
    const file = (req as Request & { file?: { originalname: string; mimetype: string; buffer: Buffer } }).file;
    if (!file) throw invalid('file', 'required', 'Cần gửi tệp danh mục trong trường "file"');
    const text = file.buffer.toString('utf8');
    const isJson = /\.json$/i.test(file.originalname) || /json/i.test(file.mimetype) || /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
    const problems: ImportProblem[] = [];
    const items: CatalogItem[] = [];
    const raws: { raw: unknown; where: { line?: number; item?: number } }[] = [];
    if (isJson) {
      const parsed = readJsonCatalog(text);
      problems.push(...parsed.problems);
      parsed.items.forEach((raw, i) => raws.push({ raw, where: { item: i + 1 } }));
    } else {
      const parsed = readCsvCatalog(text);
      problems.push(...parsed.problems);
      for (const r of parsed.records) raws.push({ raw: r.raw, where: { line: r.line } });
    }
    for (const { raw, where } of raws) {
      const checked = await validateCatalogItem(raw, true, where);
      problems.push(...checked.problems);
      if (checked.item) items.push(checked.item);
    }
    if (!problems.length && !items.length) problems.push({ field: 'file', rule: 'notEmpty', message: 'Tệp danh mục không có thủ tục nào' });
    problems.push(...(await this.writer.checkAgainstStore(this.db.manager, items)));
    const dryRun = query.dryRun === 'true';
    problems.sort((a, b) => (a.line ?? a.item ?? 0) - (b.line ?? b.item ?? 0));
    if (dryRun) {
      const summary = problems.length ? null : await this.writer.apply(items, admin.sub, true, false);
      return { dryRun: true, valid: problems.length === 0, format: isJson ? 'JSON' : 'CSV', problems, summary };
    }
    if (problems.length) throw importRefused(problems);
    return { format: isJson ? 'JSON' : 'CSV', ...(await this.writer.apply(items, admin.sub)) };
  }

  /** Adds a version (201); content identical to the latest version adds nothing (200, the latest). */
  @Post(':code/versions')
  @Roles('ADMIN')
  async addVersion(
    @Param('code') code: string,
    @Body() body: ProcedureVersionDto,
    @CurrentUser() admin: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { version, created } = await this.writer.addVersion(checkCode(code), body, admin.sub);
    res.status(created ? 201 : 200);
    return { created, ...versionView(version) };
  }

  @Get(':code/versions')
  @Roles('ADMIN')
  async versions(@Param('code') code: string) {
    const rows = await this.catalog.listVersions(this.db.manager, checkCode(code));
    if (!rows.length) throw new DomainError('INTAKE.PROCEDURE_NOT_FOUND', 'NOT_FOUND', `Không tìm thấy phiên bản nào của thủ tục ${code}`);
    return rows.map(versionView);
  }

  /** The version in effect on a local date (default today, Asia/Ho_Chi_Minh). */
  @Get(':code/versions/effective')
  @Roles('ADMIN')
  async effective(@Param('code') code: string, @Query() query: EffectiveVersionQuery) {
    const date = query.date ?? localDate(new Date());
    if (query.date && !realDate(date)) throw invalid('date', 'realDate', `Ngày ${date} không có thật`);
    const row = await this.catalog.findVersionAt(this.db.manager, checkCode(code), date);
    if (!row)
      throw new DomainError('INTAKE.PROCEDURE_VERSION_NOT_FOUND', 'NOT_FOUND', `Thủ tục ${code} không có phiên bản hiệu lực ngày ${date}`);
    return versionView(row);
  }
}
