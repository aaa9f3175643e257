import type { CommitError, CommitErrorCode, CommitResult, LiveEditor } from '../../../../../../lib/service/commits'
import { liveEditorFor } from '../../../../../../server/collab-client'
import { ApiError, type ApiErrorCode } from '../../../../../_lib/api-error'
import { serverContext } from '../../../../../_lib/server-context'
import type { RouteContext } from '../../../../../_lib/with-session'

const apiCode: Record<CommitErrorCode, ApiErrorCode> = {
  'not-found': 'not-found',
  'invalid-design': 'invalid-design',
  'invalid-request': 'invalid-request',
  'no-changes': 'conflict',
  'invalid-archive': 'invalid-archive',
  'archive-too-large': 'payload-too-large',
  'collab-unavailable': 'unavailable',
}

/** The value of a commits-service result, or the ApiError its refusal maps to (problems kept). */
export function unwrap<T>(result: CommitResult<T>): T {
  if (result.ok) return result.value
  throw toApiError(result.error)
}

export function toApiError(error: CommitError): ApiError {
  return new ApiError(apiCode[error.code], error.message, error.problems)
}

/**
 * Live edits from the web process go through the collab server with a service credential (DESIGN §5).
 * COLLAB_INTERNAL_URL names it when the browser-facing COLLAB_PUBLIC_URL is not reachable from the server.
 */
export function liveEditor(ctx: RouteContext, service: string): LiveEditor {
  const collabUrl = process.env.COLLAB_INTERNAL_URL ?? serverContext().collabUrl
  return liveEditorFor({ collabUrl, secret: ctx.secret, service: `${service}:${ctx.user.id}` })
}
