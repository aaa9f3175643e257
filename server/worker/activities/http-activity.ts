import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import type { HttpRequest, HttpResponse, RunPin } from '../../../lib/interpreter'
import { AddressRefused, guardedLookup, isPrivateAddress } from './address-policy'
import { nodeFailure } from './node-failure'

export type HttpDeps = {
  secret(pin: RunPin, name: string): Promise<string | undefined>
  environment(pin: RunPin): Promise<{ allowPrivateNetwork: boolean }>
}

const maxBodyBytes = 10 * 1024 * 1024

/**
 * One HTTP attempt. Refuses private, loopback and link-local destinations (checked on the resolved address at
 * connect time, and on IP literals) unless the environment allows them; fills secret headers from the environment.
 * Returns status, headers and the parsed body (JSON when the response says so); network trouble is `network`.
 */
export async function runHttpRequest(
  deps: HttpDeps,
  pin: RunPin,
  req: HttpRequest,
  timeoutMs: number,
): Promise<HttpResponse> {
  const { allowPrivateNetwork } = await deps.environment(pin)
  const url = new URL(req.url)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (!allowPrivateNetwork && isIP(host) && isPrivateAddress(host)) {
    throw nodeFailure('network', new AddressRefused(host, host).message, { refused: host })
  }
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name] = value
    else {
      const secret = await deps.secret(pin, value.secret)
      if (secret === undefined)
        throw nodeFailure('unsupported', `secret ${value.secret} is not set in ${pin.environment}`)
      headers[name] = secret
    }
  }
  let payload: string | undefined
  if (req.body !== undefined && req.method !== 'GET' && req.method !== 'HEAD') {
    payload = typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
    if (typeof req.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json'
    }
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return await new Promise<HttpResponse>((resolve, reject) => {
    const r = send(
      url,
      { method: req.method, headers, lookup: guardedLookup(allowPrivateNetwork), timeout: timeoutMs },
      (res) => collect(res).then(resolve, reject),
    )
    r.on('timeout', () =>
      r.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    )
    r.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof AddressRefused) reject(nodeFailure('network', error.message, { refused: error.address }))
      else if (error.code === 'ETIMEDOUT') reject(nodeFailure('timeout', error.message))
      else reject(nodeFailure('network', `${req.method} ${url.origin}: ${error.code ?? ''} ${error.message}`.trim()))
    })
    if (payload !== undefined) r.write(payload)
    r.end()
  })
}

async function collect(res: IncomingMessage): Promise<HttpResponse> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res) {
    size += (chunk as Buffer).length
    if (size > maxBodyBytes) throw nodeFailure('network', `response body larger than ${maxBodyBytes} bytes`)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  const type = String(res.headers['content-type'] ?? '')
  let body: unknown = text === '' ? null : text
  if (text !== '' && /json/i.test(type)) {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
  return { status: res.statusCode ?? 0, headers, body }
}
