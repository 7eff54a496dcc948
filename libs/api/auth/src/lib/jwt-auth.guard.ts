import { ExecutionContext, HttpException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC_KEY } from '@crm/api/core';

/** The global guard: every route needs a valid access token unless it is marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    // A failure to check the token (the database is unreachable) is not a bad token: the error
    // filter answers it (503), where a 401 would make the client drop a valid session.
    if (error && !(error instanceof HttpException)) throw error;
    if (error || !user) throw new UnauthorizedException('A valid access token is required');
    return user;
  }
}
