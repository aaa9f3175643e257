import type { WebAccountResult } from '../../../../lib/service/web-accounts'
import { ApiError } from '../../../_lib/api-error'

/**
 * The value of a web-accounts result, or the ApiError of its refusal. Every WebAccountErrorCode is also an
 * ApiErrorCode (same spelling, one status table in app/_lib/api-error.ts), so no second table is needed.
 */
export function unwrapWeb<T>(result: WebAccountResult<T>): T {
  if (result.ok) return result.value
  throw new ApiError(result.error.code, result.error.message)
}

/** Accounts-service refusals (`AccountResult`) likewise share their codes with the API table. */
export function unwrapAccount<T>(
  result:
    | { ok: true; value: T }
    | { ok: false; error: { code: ConstructorParameters<typeof ApiError>[0]; message: string } },
): T {
  if (result.ok) return result.value
  throw new ApiError(result.error.code, result.error.message)
}
