/**
 * Stable machine-readable codes of error answers (`ErrorResponse.code`). The `message` is English
 * for people reading logs; clients translate by `code` and fall back to the message for a code they
 * do not know. Codes are only ever added, never renamed.
 */
export const ERROR_CODES = [
  // Any answer of its status that has no more specific code.
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'internal_error',
  'service_unavailable',
  // 400
  'validation_failed',
  'invalid_json',
  'not_a_csv_file',
  'mapping_mismatch',
  // 401
  'wrong_credentials',
  'invalid_refresh_token',
  'account_gone',
  // 403
  'role_required',
  'owner_only',
  // 404
  'company_not_found',
  'member_not_found',
  'invitation_not_found',
  'client_not_found',
  'sale_not_found',
  'api_key_not_found',
  'import_not_found',
  'import_report_not_ready',
  'report_not_found',
  'report_schedule_not_found',
  'conversation_not_found',
  'action_not_found',
  'pipeline_not_found',
  'stage_not_found',
  'deal_not_found',
  'task_not_found',
  // 409
  'login_taken',
  'already_member',
  'last_owner',
  'client_external_id_taken',
  'sale_external_id_taken',
  'client_has_sales',
  'api_key_revoked',
  'import_running',
  'import_not_running',
  'report_not_ready',
  'action_already_decided',
  'pipeline_has_deals',
  'stage_has_deals',
  'pipeline_name_taken',
  'stage_name_taken',
  'stage_kind_taken',
  'last_open_stage',
  'deal_external_id_taken',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The payload of an HttpException that carries a code: `new ConflictException(coded('last_owner', '...'))`. */
export function coded(code: ErrorCode, message: string): { code: ErrorCode; message: string } {
  return { code, message };
}
