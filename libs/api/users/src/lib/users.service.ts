import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { withUniqueConflicts } from '@crm/api/core';
import { EntityManager, In, Repository } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Creates a user; 409 when the login is taken (case-insensitively). */
  async create(login: string, password: string, manager?: EntityManager): Promise<User> {
    const repo = manager ? manager.getRepository(User) : this.users;
    const passwordHash = await this.hasher.hash(password);
    return withUniqueConflicts(() => repo.save(repo.create({ login, passwordHash })), {
      users_login_key: ['login_taken', 'This login is already taken'],
    });
  }

  findByLogin(login: string): Promise<User | null> {
    return this.users.createQueryBuilder('u').where('lower(u.login) = lower(:login)', { login }).getOne();
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return (manager ? manager.getRepository(User) : this.users).findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<User[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.users.findBy({ id: In(ids) });
  }

  /** The user when the login exists and the password matches; `null` otherwise, in the same time. */
  async verifyCredentials(login: string, password: string): Promise<User | null> {
    const user = await this.findByLogin(login);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    return ok && user ? user : null;
  }
}
