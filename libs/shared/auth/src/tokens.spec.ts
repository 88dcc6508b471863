import jwt from 'jsonwebtoken';
import { issueToken, TokenVerifier } from './tokens';
import type { AuthUser } from './roles';

const SECRET = 'một-bí-mật-đủ-dài-cho-HS256-0123456789';
const clerk: AuthUser = { sub: 'clerk-1', name: 'Nguyễn Thị Hoa', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' };

describe('TokenVerifier (HS256)', () => {
  const verifier = new TokenVerifier({ jwtSecret: SECRET, issuer: 'motcua-dev' });

  it('accepts a token it issued, many times with the same key, and keeps the Vietnamese name', async () => {
    const token = issueToken(SECRET, clerk);
    for (let i = 0; i < 3; i++) await expect(verifier.verify(token)).resolves.toEqual(clerk);
  });

  it('refuses a token signed with another secret, an expired one, another issuer, and alg none', async () => {
    await expect(verifier.verify(issueToken('another-secret-of-enough-length-000000', clerk))).rejects.toThrow(/signature/);
    await expect(verifier.verify(issueToken(SECRET, clerk, -10))).rejects.toThrow(/expired/);
    await expect(verifier.verify(issueToken(SECRET, clerk, 60, 'someone-else'))).rejects.toThrow(/issuer/);
    const none = jwt.sign({ roles: ['ADMIN'], agency: '000.00.06.H56' }, '', { algorithm: 'none', subject: 'x', issuer: 'motcua-dev' });
    await expect(verifier.verify(none)).rejects.toThrow();
  });

  it('drops roles it does not know and refuses a token without an agency', async () => {
    const odd = jwt.sign({ roles: ['COUNTER_CLERK', 'ROOT'], agency: '000.00.06.H56' }, SECRET, { subject: 's', issuer: 'motcua-dev' });
    await expect(verifier.verify(odd)).resolves.toMatchObject({ roles: ['COUNTER_CLERK'] });
    const noAgency = jwt.sign({ roles: ['ADMIN'] }, SECRET, { subject: 's', issuer: 'motcua-dev' });
    await expect(verifier.verify(noAgency)).rejects.toThrow(/agency/);
  });

  it('needs a secret or a JWKS URL', () => {
    expect(() => new TokenVerifier({})).toThrow(/AUTH_JWT_SECRET/);
  });
});
