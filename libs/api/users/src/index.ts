export * from './lib/user.entity';
export * from './lib/users.module';
export * from './lib/users.service';
