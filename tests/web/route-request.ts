// Helpers for calling exported route handlers with real Requests (tests/web).

export const origin = 'http://backplane.test'

/** The second argument Next passes a route handler. */
export const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) })
export const none = params({})

/** A JSON request body. */
export const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})
