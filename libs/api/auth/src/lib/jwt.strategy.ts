import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig, type AuthenticatedUser } from '@crm/api/core';
import { UsersService } from '@crm/api/users';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AccessTokenPayload } from './tokens.service';

/** How long a user found to exist is taken to exist without asking the database again. */
const KNOWN_USER_MS = 10_000;
const KNOWN_USERS_MAX = 10_000;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  /** User id → until when it is known to exist. */
  private readonly known = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: config.auth.jwtSecret,
      algorithms: ['HS256'],
    });
  }

  /**
   * A token is valid only with an expiry (the library checks `exp` only when present: a token
   * signed without one would never expire) and for a user that still exists (a deleted user's
   * token reached inserts that failed on the foreign key: 500). `false` → 401.
   */
  async validate(payload: AccessTokenPayload & { exp?: unknown }): Promise<AuthenticatedUser | false> {
    if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string') return false;
    if (!(await this.exists(payload.sub))) return false;
    return { id: payload.sub, login: payload.login };
  }

  private async exists(id: string): Promise<boolean> {
    const now = Date.now();
    if ((this.known.get(id) ?? 0) > now) return true;
    const user = await this.users.findById(id);
    if (!user) {
      this.known.delete(id);
      return false;
    }
    if (this.known.size >= KNOWN_USERS_MAX) this.known.clear();
    this.known.set(id, now + KNOWN_USER_MS);
    return true;
  }
}
