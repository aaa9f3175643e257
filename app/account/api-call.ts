/** A JSON call to our /api/v1 routes: the body, or the route's error message as a thrown Error (for forms). */
export async function apiCall<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null
  if (!response.ok) throw new Error(body?.error?.message ?? `request failed (${response.status})`)
  return body as T
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
