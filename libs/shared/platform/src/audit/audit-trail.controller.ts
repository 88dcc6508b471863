import { CallHandler, Controller, ExecutionContext, Get, Injectable, NestInterceptor, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { type AuthUser, Roles } from '@motcua/auth';
import { runAsActor } from '@motcua/messaging';
import { AuditTrailEntity } from './audit-trail.entity';

/**
 * Records who makes each HTTP request (`user:<sub>`, or `anonymous` for public endpoints) and its
 * correlation id for the audit trigger: the transactions the request opens carry them.
 */
@Injectable()
export class AuditActorInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<{ user?: AuthUser; id?: unknown }>();
    const actor = req.user ? `user:${req.user.sub}` : 'anonymous';
    const correlationId = typeof req.id === 'string' && req.id ? req.id : null;
    return new Observable((subscriber) => runAsActor({ actor, correlationId }, () => next.handle().subscribe(subscriber)));
  }
}

export class AuditTrailQuery {
  /** Only changes of this table. */
  @IsOptional() @IsString() @Length(1, 63) table?: string;
  /** Only changes of the row with this primary key (values joined by "/"); needs `table`. */
  @IsOptional() @IsString() @Length(1, 300) key?: string;
  /** Only changes made under this correlation id (a request id, or a dossier code for event handling). */
  @IsOptional() @IsString() @Length(1, 200) correlationId?: string;
  /** Only changes by this actor (`user:<sub>`, `event:<type>`, `anonymous`). */
  @IsOptional() @IsString() @Length(1, 200) actor?: string;
  /** Page backwards: rows with an id below this one. */
  @IsOptional() @Matches(/^\d{1,19}$/) before?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export interface AuditTrailPage {
  items: {
    id: string;
    at: string;
    txId: string;
    table: string;
    operation: string;
    key: string | null;
    changes: Record<string, unknown>;
    actor: string | null;
    correlationId: string | null;
  }[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit-trail')
export class AuditTrailController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'The append-only trail of row changes in this service, newest first (admins).' })
  @ApiOkResponse({ description: '{ items, nextBefore }' })
  async list(@Query() q: AuditTrailQuery): Promise<AuditTrailPage> {
    const limit = q.limit ?? 100;
    const qb = this.db
      .getRepository(AuditTrailEntity)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .take(limit + 1);
    if (q.table) qb.andWhere('a.tableName = :table', { table: q.table });
    if (q.key) qb.andWhere('a.rowKey = :key', { key: q.key });
    if (q.correlationId) qb.andWhere('a.correlationId = :cid', { cid: q.correlationId });
    if (q.actor) qb.andWhere('a.actor = :actor', { actor: q.actor });
    if (q.before) qb.andWhere('a.id < :before', { before: q.before });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        txId: r.txId,
        table: r.tableName,
        operation: r.operation,
        key: r.rowKey,
        changes: r.changes,
        actor: r.actor,
        correlationId: r.correlationId,
      })),
      nextBefore: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
