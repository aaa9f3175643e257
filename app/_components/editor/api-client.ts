'use client'
import type { Problem } from '../../../lib/problems'

export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; message: string; problems?: Problem[]; details?: Record<string, unknown> }

/** A JSON call to our /api/v1 routes; a refusal comes back as its message, located problems and details. */
export async function api<T>(url: string, init?: RequestInit): Promise<ApiResult<T>> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
  })
  const body = (await response.json().catch(() => ({}))) as T & {
    error?: { message: string; problems?: Problem[]; details?: Record<string, unknown> }
  }
  if (!response.ok)
    return {
      ok: false,
      status: response.status,
      message: body.error?.message ?? `request failed (${response.status})`,
      problems: body.error?.problems,
      details: body.error?.details,
    }
  return { ok: true, status: response.status, body }
}
