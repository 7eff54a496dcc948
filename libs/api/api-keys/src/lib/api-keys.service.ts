import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, type CompanyScope, TenantDatabase } from '@crm/api/core';
import type { ApiKeyResponse, CreatedApiKeyResponse } from '@crm/shared/contracts';
import { coded } from '@crm/shared/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiKey } from './api-key.entity';
import { generateApiKey, hashApiKey, KeyCipher } from './key-material';
import { LastUsedTracker } from './last-used.tracker';

/**
 * A company's API keys, listed, issued, revealed, rotated and revoked in its tenant transaction.
 * {@link authenticate} is the one global path: a presented key is looked up by its hash before any
 * company is known (a narrow, named read on the plain `DataSource`).
 */
@Injectable()
export class ApiKeysService {
  private readonly cipher: KeyCipher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenantDb: TenantDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly lastUsed: LastUsedTracker,
  ) {
    this.cipher = new KeyCipher(config.apiKeys.encryptionSecret);
  }

  /** The company's keys, newest first, active before revoked; never the secret. */
  async list(scope: CompanyScope): Promise<ApiKeyResponse[]> {
    const keys = await this.tenantDb.run(scope, (m) =>
      m.getRepository(ApiKey).find({
        where: { companyId: scope.companyId },
        order: { revokedAt: { direction: 'DESC', nulls: 'FIRST' }, createdAt: 'DESC' },
      }),
    );
    return keys.map(toResponse);
  }

  create(scope: CompanyScope, name: string): Promise<CreatedApiKeyResponse> {
    return this.tenantDb.run(scope, (m) => this.insert(m, scope, name));
  }

  async reveal(scope: CompanyScope, id: string): Promise<{ key: string }> {
    const key = await this.tenantDb.run(scope, (m) => this.find(m, scope, id));
    if (key.revokedAt) throw new ConflictException(coded('api_key_revoked', 'This key is revoked'));
    return { key: this.cipher.decrypt(key.secretEncrypted, key.id) };
  }

  /** Issues a new key with the same name and revokes the old one at once, atomically. */
  rotate(scope: CompanyScope, id: string): Promise<CreatedApiKeyResponse> {
    return this.tenantDb.run(scope, async (m) => {
      const old = await this.find(m, scope, id, true);
      if (old.revokedAt)
        throw new ConflictException(coded('api_key_revoked', 'This key is revoked; create a new one instead'));
      await m.getRepository(ApiKey).update({ id: old.id }, { revokedAt: new Date() });
      return this.insert(m, scope, old.name);
    });
  }

  /** Revokes the key; it stops working at once. Revoking twice is not an error. */
  async revoke(scope: CompanyScope, id: string): Promise<void> {
    await this.tenantDb.run(scope, async (m) => {
      await this.find(m, scope, id);
      await m
        .getRepository(ApiKey)
        .update({ id, companyId: scope.companyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    });
  }

  /**
   * The company scope of a presented key, or `null` for an unknown or revoked key. System path:
   * no company is known yet, so the lookup by hash reads `api_keys` on the plain `DataSource`.
   */
  async authenticate(presented: string): Promise<CompanyScope | null> {
    const key = await this.dataSource.getRepository(ApiKey).findOne({
      where: { keyHash: hashApiKey(presented), revokedAt: IsNull() },
      select: ['id', 'companyId', 'lastUsedAt'],
    });
    if (!key) return null;
    this.lastUsed.touch(key.id, key.lastUsedAt);
    return { companyId: key.companyId, apiKeyId: key.id };
  }

  private async insert(m: EntityManager, scope: CompanyScope, name: string): Promise<CreatedApiKeyResponse> {
    const id = randomUUID();
    const { key, prefix, hash } = generateApiKey();
    await m.getRepository(ApiKey).insert({
      id,
      companyId: scope.companyId,
      name,
      prefix,
      keyHash: hash,
      secretEncrypted: this.cipher.encrypt(key, id),
      createdBy: scope.userId ?? null,
    });
    return { id, name, prefix, key };
  }

  private async find(m: EntityManager, scope: CompanyScope, id: string, lock = false): Promise<ApiKey> {
    const key = await m.getRepository(ApiKey).findOne({
      where: { id, companyId: scope.companyId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!key) throw new NotFoundException(coded('api_key_not_found', 'API key not found'));
    return key;
  }
}

function toResponse(key: ApiKey): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
