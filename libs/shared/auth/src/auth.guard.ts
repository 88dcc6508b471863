import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser, Role } from './roles';
import { TokenVerifier } from './tokens';

export const IS_PUBLIC = 'motcua:public';
export const REQUIRED_ROLES = 'motcua:roles';

/** The endpoint needs no staff token (citizen lookup, health, webhooks with their own signature). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** The endpoint needs one of these roles (ADMIN always passes). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/** Raised by the guard; the platform's exception filter maps it to 401/403 in the API error format. */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true; // message handlers are authenticated by the broker
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw new AuthError(401, 'AUTH.TOKEN_MISSING', 'Thiếu mã xác thực (Authorization: Bearer …)');
    try {
      req.user = await this.verifier.verify(match[1]);
    } catch {
      throw new AuthError(401, 'AUTH.TOKEN_INVALID', 'Mã xác thực không hợp lệ hoặc đã hết hạn');
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !req.user.roles.includes('ADMIN') && !required.some((r) => req.user!.roles.includes(r))) {
      throw new AuthError(403, 'AUTH.ROLE_REQUIRED', `Cần một trong các vai trò: ${required.join(', ')}`);
    }
    return true;
  }
}
