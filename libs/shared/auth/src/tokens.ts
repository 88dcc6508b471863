import { createSecretKey, KeyObject } from 'crypto';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { AuthUser, Role, ROLES } from './roles';

export interface AuthConfig {
  /** HS256 shared secret (dev issuer, tests, small deployments). */
  jwtSecret?: string;
  /** RS256 keys from a JWKS endpoint (production identity provider). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export const DEV_ISSUER = 'motcua-dev';

/** Issues a token with the platform's claims (dev issuer and tests). */
export function issueToken(secret: string, user: AuthUser, ttlSeconds = 8 * 3600, issuer = DEV_ISSUER): string {
  return jwt.sign({ name: user.name, roles: user.roles, agency: user.agencyCode }, secret, {
    algorithm: 'HS256',
    subject: user.sub,
    issuer,
    expiresIn: ttlSeconds,
  });
}

export class TokenVerifier {
  private readonly jwks?: JwksClient;
  /** Built once: jsonwebtoken would otherwise derive a key object from the secret string on every request. */
  private readonly secretKey?: KeyObject;

  constructor(private readonly config: AuthConfig) {
    if (!config.jwtSecret && !config.jwksUrl) throw new Error('AUTH_JWT_SECRET or AUTH_JWKS_URL must be set');
    if (config.jwksUrl) this.jwks = new JwksClient({ jwksUri: config.jwksUrl, cache: true, rateLimit: true });
    else this.secretKey = createSecretKey(Buffer.from(config.jwtSecret!, 'utf8'));
  }

  async verify(token: string): Promise<AuthUser> {
    const payload = await new Promise<jwt.JwtPayload>((resolve, reject) => {
      const key: jwt.Secret | jwt.GetPublicKeyOrSecret = this.jwks
        ? (header, cb) => {
            this.jwks!.getSigningKey(header.kid)
              .then((k) => cb(null, k.getPublicKey()))
              .catch((e: Error) => cb(e));
          }
        : this.secretKey!;
      jwt.verify(
        token,
        key,
        {
          algorithms: this.jwks ? ['RS256', 'ES256'] : ['HS256'],
          issuer: this.config.issuer,
          audience: this.config.audience,
        },
        (err, decoded) => (err || typeof decoded !== 'object' || !decoded ? reject(err ?? new Error('bad token')) : resolve(decoded)),
      );
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];
    if (!payload.sub || typeof payload.agency !== 'string') throw new Error('token lacks sub or agency');
    return { sub: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles, agencyCode: payload.agency };
  }
}
