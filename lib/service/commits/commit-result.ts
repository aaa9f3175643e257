import type { Problem } from '../../problems'

/** Expected refusals of the commits service, as values (STYLE §5). Routes map `code` to an HTTP status once. */
export const CommitErrorCode = {
  notFound: 'not-found',
  invalidDesign: 'invalid-design',
  invalidRequest: 'invalid-request',
  noChanges: 'no-changes',
  invalidArchive: 'invalid-archive',
  archiveTooLarge: 'archive-too-large',
  collabUnavailable: 'collab-unavailable',
} as const
export type CommitErrorCode = (typeof CommitErrorCode)[keyof typeof CommitErrorCode]

export interface CommitError {
  code: CommitErrorCode
  message: string
  /** For invalid-design: every located problem of the design (errors and warnings). */
  problems?: Problem[]
}

export type CommitResult<T> = { ok: true; value: T } | { ok: false; error: CommitError }

export function ok<T>(value: T): CommitResult<T> {
  return { ok: true, value }
}

export function fail<T>(code: CommitErrorCode, message: string, problems?: Problem[]): CommitResult<T> {
  return { ok: false, error: { code, message, ...(problems ? { problems } : {}) } }
}
