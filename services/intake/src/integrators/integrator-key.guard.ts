import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthError } from '@motcua/auth';
import { IntegratorKey } from './integrator-key.entity';
import { keyMatches, prefixOf } from './integrator-keys';
import { IntegratorKeysRepository } from './integrator-keys.repository';

type KeyedRequest = { headers: Record<string, string | string[] | undefined>; integratorKey?: IntegratorKey };

/** Authenticates an integrator by `X-Api-Key` (routes marked `@Public()`, so no staff token is asked). */
@Injectable()
export class IntegratorKeyGuard implements CanActivate {
  constructor(
    private readonly db: DataSource,
    private readonly keys: IntegratorKeysRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<KeyedRequest>();
    const given = req.headers['x-api-key'];
    if (typeof given !== 'string' || given === '') throw new AuthError(401, 'AUTH.API_KEY_MISSING', 'Thiếu khóa tích hợp (X-Api-Key)');
    const prefix = prefixOf(given);
    const key = prefix ? await this.keys.findByPrefix(this.db.manager, prefix) : null;
    if (!key || !keyMatches(given, key.keyHash)) throw new AuthError(401, 'AUTH.API_KEY_INVALID', 'Khóa tích hợp không hợp lệ');
    if (key.revokedAt) throw new AuthError(401, 'AUTH.API_KEY_REVOKED', 'Khóa tích hợp đã bị thu hồi');
    req.integratorKey = key;
    return true;
  }
}

export const CurrentIntegratorKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IntegratorKey => ctx.switchToHttp().getRequest<KeyedRequest>().integratorKey!,
);
