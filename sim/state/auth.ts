// Backend sessions, API tokens (one per user+client_id, scope overwritten on
// re-issue, never expiring) and OAuth-like auth codes (valid 3 minutes).
import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken, AuthCode, Session } from './types';
import type { Clock } from './clock';

const AUTH_CODE_TTL_MS = 3 * 60 * 1000;

export class AuthStore {
  readonly tokens = new Map<string, ApiToken>();
  readonly codes = new Map<string, AuthCode>();
  readonly sessions = new Map<string, Session>();
  private counter = 0;

  constructor(
    private readonly clock: Clock,
    private readonly seedText: string,
  ) {}

  /** md5-looking 32-hex ids: deterministic per seed so demo tokens are stable. */
  private newId(kind: string): string {
    this.counter++;
    return createHash('md5')
      .update(`${this.seedText}:${kind}:${this.counter}:${randomBytes(4).toString('hex')}`)
      .digest('hex');
  }

  issueToken(contactId: number, clientId: string, scope: string[], fixedToken?: string): ApiToken {
    for (const t of this.tokens.values()) {
      if (t.contactId === contactId && t.clientId === clientId) {
        t.scope = [...scope];
        return t;
      }
    }
    const token: ApiToken = {
      token: fixedToken ?? this.newId('token'),
      clientId: clientId.slice(0, 32),
      contactId,
      scope: [...scope],
      createdAt: this.clock.now(),
      lastUseAt: null,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  revokeToken(token: string): boolean {
    return this.tokens.delete(token);
  }

  issueAuthCode(contactId: number, clientId: string, scope: string[]): AuthCode {
    const code: AuthCode = {
      code: this.newId('code'),
      clientId,
      contactId,
      scope: [...scope],
      expiresAt: this.clock.now() + AUTH_CODE_TTL_MS,
    };
    this.codes.set(code.code, code);
    return code;
  }

  /** api.php/token semantics: errors are data (the endpoint answers them with 200). */
  exchangeCode(
    code: string | undefined,
    clientId: string | undefined,
    grantType: string | undefined,
  ): { access_token: string } | { error: string; error_description: string } {
    if (!code || !clientId)
      return { error: 'invalid_request', error_description: 'Required parameter is missing: code or client_id' };
    if (grantType !== 'authorization_code')
      return { error: 'unsupported_grant_type', error_description: `Unknown grant_type: ${grantType ?? ''}` };
    const found = this.codes.get(code);
    if (!found || found.clientId !== clientId || found.expiresAt < this.clock.now()) {
      return { error: 'invalid_grant', error_description: `Invalid code: ${code}` };
    }
    this.codes.delete(code);
    return { access_token: this.issueToken(found.contactId, found.clientId, found.scope).token };
  }

  createSession(contactId: number): Session {
    const session: Session = { id: this.newId('session').slice(0, 26), contactId, createdAt: this.clock.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  sessionFor(id: string | undefined): Session | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  destroySession(id: string): void {
    this.sessions.delete(id);
  }
}
