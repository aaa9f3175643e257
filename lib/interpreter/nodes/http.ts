import { checkSchema } from '../check-schema'
import { durationMs } from '../duration'
import { expressionValue, expressionValues, type NodeEnv, type NodeOutcome, outputMismatch } from '../node-env'
import type { HttpNode, HttpResponseDeclaration, SecretRef } from '../process-types'
import type { Steps } from '../steps'
import type { HttpResponse } from '../types'

/**
 * http: fills the URL template ({name} from params, URL-encoded), adds the query, resolves headers (secret
 * references stay references: the activity reads the environment's secret, so no secret enters the history) and
 * the body, then asks for one activity attempt.
 */
export function* runHttp(node: HttpNode, env: NodeEnv): Steps<NodeOutcome> {
  const params = yield* expressionValues(env, node.params, 'params')
  let url = node.url.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] === undefined || params[name] === null ? '' : String(params[name])),
  )
  const query = yield* expressionValues(env, node.query, 'query')
  const pairs = Object.entries(query).filter(([, v]) => v !== undefined && v !== null)
  if (pairs.length > 0) {
    const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')
    url += (url.includes('?') ? '&' : '?') + search
  }
  const headers: Record<string, string | SecretRef> = {}
  for (const [name, value] of Object.entries(node.headers ?? {})) {
    if ('secret' in value) headers[name] = { secret: value.secret }
    else {
      const v = yield* expressionValue(env, value, `headers.${name}`)
      if (v !== undefined && v !== null) headers[name] = String(v)
    }
  }
  const body = node.body ? yield* expressionValue(env, node.body, 'body') : undefined
  const request = { kind: 'http' as const, method: node.method, url, headers, body, declared: node.responses }
  return { type: 'activity', input: { method: node.method, url, body }, request, timeoutMs: durationMs(node.timeout) }
}

/** The declared response for a status: exact code first, then its `NXX` family, then `default`. */
export function matchResponse(
  declared: HttpResponseDeclaration[],
  status: number,
): HttpResponseDeclaration | undefined {
  const code = String(status)
  return (
    declared.find((r) => r.status === code) ??
    declared.find((r) => r.status === `${code[0]}XX`) ??
    declared.find((r) => r.status === 'default')
  )
}

/**
 * Maps a response: the declared `output: true` response gives the output (its body must match its schema);
 * any other status fails the node with `status.<code>` (details: status and body).
 */
export function completeHttp(node: HttpNode, response: HttpResponse): NodeOutcome {
  const declared = matchResponse(node.responses, response.status)
  if (!declared?.output) {
    return {
      type: 'error',
      error: {
        name: `status.${response.status}`,
        message: `${node.method} answered ${response.status}${declared ? '' : ' (not a declared response)'}`,
        details: { status: response.status, body: response.body },
      },
    }
  }
  const mismatch = checkSchema(declared.schema, response.body)
  if (mismatch) return outputMismatch(`the ${response.status} response body`, mismatch)
  return { type: 'done', output: response.body === undefined ? null : response.body, port: 'out' }
}
