import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@crm/api/core';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';
import { coded } from '@crm/shared/contracts';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface TokenUser {
  id: string;
  login: string;
}

export interface AccessTokenPayload {
  sub: string;
  login: string;
}

const INVALID_REFRESH = 'Refresh token is invalid or expired';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new pair for a fresh login (a new refresh-token family). */
  issue(user: TokenUser, manager?: EntityManager): Promise<TokenPair> {
    return this.issueInFamily(user, randomUUID(), manager ?? this.dataSource.manager);
  }

  /**
   * Exchanges a refresh token for a new pair. The presented token stops working; presenting it
   * again revokes its family, so whoever holds a copy of an old token cannot use the new one.
   */
  async rotate(
    refreshToken: string,
    userOf: (userId: string, manager: EntityManager) => Promise<TokenUser | null>,
  ): Promise<TokenPair & { user: TokenUser }> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(RefreshToken);
      const token = await repo.findOne({
        where: { tokenHash: sha256(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token || token.revokedAt || token.expiresAt.getTime() <= Date.now()) return null;
      if (token.usedAt) {
        await repo.update({ familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return 'reused' as const;
      }
      const user = await userOf(token.userId, m);
      if (!user) return null;
      await repo.update({ id: token.id }, { usedAt: new Date() });
      return { ...(await this.issueInFamily(user, token.familyId, m)), user };
    });
    // The family's revocation above must commit even though the request fails.
    if (!outcome || outcome === 'reused')
      throw new UnauthorizedException(coded('invalid_refresh_token', INVALID_REFRESH));
    return outcome;
  }

  /** Ends the session the token belongs to. Unknown tokens are ignored: logout is idempotent. */
  async revoke(refreshToken: string): Promise<void> {
    const token = await this.dataSource.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
    if (!token) return;
    await this.dataSource
      .getRepository(RefreshToken)
      .update({ familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issueInFamily(user: TokenUser, familyId: string, m: EntityManager): Promise<TokenPair> {
    const payload: AccessTokenPayload = { sub: user.id, login: user.login };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.auth.accessTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.auth.refreshTtlDays * 86_400_000);
    await m
      .getRepository(RefreshToken)
      .insert({ userId: user.id, familyId, tokenHash: sha256(refreshToken), expiresAt });
    return { accessToken, refreshToken };
  }
}
