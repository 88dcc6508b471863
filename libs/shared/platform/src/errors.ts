import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { AuthError } from '@motcua/auth';
import type { Response } from 'express';

export type ErrorKind = 'INVALID' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNPROCESSABLE' | 'TOO_MANY';

const STATUS: Record<ErrorKind, number> = {
  INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  TOO_MANY: 429,
};

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `applicant.phone`. */
  field: string;
  /** The rule it broke, e.g. `isCitizenId`. */
  rule: string;
  /** Vietnamese explanation for the user. */
  message: string;
}

/**
 * A business error with a stable code (`INTAKE.PROCEDURE_NOT_FOUND`). Use cases throw these; the
 * filter maps them to HTTP. Messages are Vietnamese (shown to users).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The API's error body: `{ error: { code, message, details? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: FieldProblem[] };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // message handlers: hand the original error to the bus (retry, or dead-letter a NonRetryableError)
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    if (status >= 500) this.logger.error({ err: exception }, 'Unhandled error');
    res.status(status).json(body);
  }

  toResponse(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof DomainError) {
      return {
        status: STATUS[exception.kind],
        body: { error: { code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) } },
      };
    }
    if (exception instanceof AuthError) {
      return { status: exception.status, body: { error: { code: exception.code, message: exception.message } } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known: Record<number, [string, string]> = {
        400: ['REQUEST.INVALID', 'Yêu cầu không hợp lệ'],
        404: ['REQUEST.NOT_FOUND', 'Không tìm thấy địa chỉ yêu cầu'],
        405: ['REQUEST.METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ'],
        413: ['REQUEST.TOO_LARGE', 'Dữ liệu gửi lên quá lớn'],
        415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Kiểu dữ liệu không được hỗ trợ'],
        429: ['REQUEST.TOO_MANY', 'Quá nhiều yêu cầu, vui lòng thử lại sau'],
      };
      // Nest maps body-parser's SyntaxError to a bare 400 carrying the parser's message
      if (status === 400 && /JSON/.test(exception.message)) {
        return { status, body: { error: { code: 'REQUEST.MALFORMED_JSON', message: 'Nội dung JSON không đúng cú pháp' } } };
      }
      const [code, message] = known[status] ?? ['REQUEST.FAILED', 'Yêu cầu không được xử lý'];
      return { status, body: { error: { code, message } } };
    }
    // body-parser errors (malformed JSON, payload too large) arrive as plain errors with a status
    const e = exception as { status?: number; type?: string };
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      const code = e.type === 'entity.parse.failed' ? 'REQUEST.MALFORMED_JSON' : 'REQUEST.INVALID';
      const message = e.type === 'entity.parse.failed' ? 'Nội dung JSON không đúng cú pháp' : 'Yêu cầu không hợp lệ';
      return { status: e.status, body: { error: { code, message } } };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: { code: 'INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau' } },
    };
  }
}
