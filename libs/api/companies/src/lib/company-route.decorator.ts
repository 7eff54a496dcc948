import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiParam } from '@nestjs/swagger';
import { ApiErrors, BEARER_AUTH } from '@crm/api/core';
import { CompanyMemberGuard } from './company-member.guard';

/**
 * Documents `:companyId`. On a class it marks the class's own methods only (Swagger's rule), so a
 * base class whose routes a controller inherits carries it itself.
 */
export const ApiCompanyParam = () =>
  ApiParam({ name: 'companyId', type: String, format: 'uuid', description: 'A company the caller is a member of' });

/**
 * Marks a controller or route as acting within `:companyId`: the caller must be a member
 * (404 otherwise) and `@Scope()` gives the resolved company scope.
 */
export function CompanyRoute() {
  return applyDecorators(
    UseGuards(CompanyMemberGuard),
    ApiBearerAuth(BEARER_AUTH),
    ApiCompanyParam(),
    ApiErrors(401, 404),
  );
}
