import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompaniesService } from '@crm/api/companies';
import { UsersService } from '@crm/api/users';
import type { AuthResponse, LoginDto, MeResponse, RegisterDto } from '@crm/shared/contracts';
import { coded } from '@crm/shared/contracts';
import { DataSource } from 'typeorm';
import { LoginAttempts } from './login-attempts';
import { TokensService } from './tokens.service';

/** One message for an unknown login and a wrong password, so logins cannot be probed. */
const WRONG_CREDENTIALS = 'Wrong login or password';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly companies: CompaniesService,
    private readonly tokens: TokensService,
    private readonly attempts: LoginAttempts,
  ) {}

  /** Creates the user (and, with `companyName`, a company it owns) and logs it in, atomically. */
  register(dto: RegisterDto): Promise<AuthResponse> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.users.create(dto.login, dto.password, m);
      const company = dto.companyName ? await this.companies.create(user.id, dto.companyName, m) : undefined;
      const pair = await this.tokens.issue(user, m);
      return { ...pair, user: { id: user.id, login: user.login }, ...(company ? { company } : {}) };
    });
  }

  async login(dto: LoginDto, ip: string): Promise<AuthResponse> {
    this.attempts.assertAllowed(dto.login, ip);
    const user = await this.users.verifyCredentials(dto.login, dto.password);
    if (!user) {
      this.attempts.recordFailure(dto.login, ip);
      throw new UnauthorizedException(coded('wrong_credentials', WRONG_CREDENTIALS));
    }
    this.attempts.recordSuccess(dto.login);
    const pair = await this.tokens.issue(user);
    return { ...pair, user: { id: user.id, login: user.login } };
  }

  async refresh(refreshToken: string): Promise<AuthResponse> {
    const { user, ...pair } = await this.tokens.rotate(refreshToken, async (id, manager) => {
      const found = await this.users.findById(id, manager);
      return found ? { id: found.id, login: found.login } : null;
    });
    return { ...pair, user };
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  async me(userId: string): Promise<MeResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthorizedException(coded('account_gone', 'This account no longer exists'));
    return { id: user.id, login: user.login, companies: await this.companies.listForUser(user.id) };
  }
}
