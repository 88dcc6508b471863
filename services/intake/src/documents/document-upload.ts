import { ArgumentsHost, CallHandler, Catch, ExceptionFilter, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { FieldProblem, SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';

/** Room for multipart boundaries, part headers and the `componentIndex` field around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** An uploaded file held in memory (multer's memory storage). */
export interface UploadedDocumentFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** A refused upload with a status the platform's DomainError kinds lack (413, 415), in the API error format. */
export class DocumentRejected extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[],
  ) {
    super(message);
  }
}

@Catch(DocumentRejected)
export class DocumentRejectedFilter implements ExceptionFilter {
  catch(e: DocumentRejected, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(e.status)
      .json({ error: { code: e.code, message: e.message, details: e.details } });
  }
}

/**
 * Parses `multipart/form-data` with one file in field `file`, kept in memory up to MAX_DOCUMENT_BYTES;
 * a larger file is cut off by multer and answered 413.
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly parse: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IntakeConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      defParamCharset: 'utf8',
      limits: { fileSize: config.maxDocumentBytes, files: 1, fields: 10, fieldSize: 10_000 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      throw new DocumentRejected(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Cần gửi tài liệu dạng multipart/form-data', [
        { field: 'Content-Type', rule: 'multipart', message: 'Gửi tệp trong trường "file" của multipart/form-data' },
      ]);
    }
    // a declared body far beyond the limit is refused before reading a byte of it (multer would stop at the limit anyway)
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.config.maxDocumentBytes + MULTIPART_OVERHEAD) {
      http.getResponse<Response>().setHeader('Connection', 'close');
      throw this.translate({ code: 'LIMIT_FILE_SIZE' });
    }
    await new Promise<void>((resolve, reject) =>
      this.parse(req, http.getResponse<Response>(), (err: unknown) => (err ? reject(this.translate(err)) : resolve())),
    );
    return next.handle();
  }

  private translate(err: unknown): unknown {
    const code = (err as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') {
      const mb = Math.round((this.config.maxDocumentBytes / 1024 / 1024) * 10) / 10;
      return new DocumentRejected(413, 'INTAKE.DOCUMENT_TOO_LARGE', 'Tệp tài liệu quá lớn', [
        { field: 'file', rule: 'maxSize', message: `Tệp tối đa ${mb} MB` },
      ]);
    }
    if (err instanceof multer.MulterError) {
      return new DocumentRejected(400, 'REQUEST.VALIDATION_FAILED', 'Dữ liệu không hợp lệ', [
        { field: err.field ?? 'file', rule: code ?? 'multipart', message: 'Chỉ gửi một tệp trong trường "file"' },
      ]);
    }
    return new DocumentRejected(400, 'REQUEST.VALIDATION_FAILED', 'Dữ liệu không hợp lệ', [
      { field: 'body', rule: 'multipart', message: 'Nội dung multipart/form-data không đúng cú pháp' },
    ]);
  }
}
