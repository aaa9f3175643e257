import type { Problem } from '../problems'
import { createProjectValidator, type ProjectValidator, type ValidateProjectOptions } from './validate-project'

/**
 * The message protocol between a caller and a validation worker (a browser Web Worker or a Node worker_threads
 * Worker): requests carry an id, responses echo it, so several validations can be in flight and an editor can
 * drop answers to stale requests. Messages are plain data (structured-clone safe).
 */
export type ValidationRequest = {
  type: 'validate'
  id: number
  files: Record<string, string>
  options?: ValidateProjectOptions
}

export type ValidationResponse =
  | { type: 'result'; id: number; problems: Problem[] }
  /** A bug in the validator (it never fails on user input): the message, for logs. */
  | { type: 'failure'; id: number; message: string }

export function isValidationRequest(value: unknown): value is ValidationRequest {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<ValidationRequest>
  return v.type === 'validate' && typeof v.id === 'number' && typeof v.files === 'object' && v.files !== null
}

export function isValidationResponse(value: unknown): value is ValidationResponse {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { type?: unknown; id?: unknown }
  return (v.type === 'result' || v.type === 'failure') && typeof v.id === 'number'
}

/** The worker side: answers one request. Never throws (a thrown bug becomes a `failure` response). */
export async function handleValidationRequest(
  request: ValidationRequest,
  validator: ProjectValidator = createProjectValidator(),
): Promise<ValidationResponse> {
  try {
    const { problems } = await validator.validate(request.files, request.options)
    return { type: 'result', id: request.id, problems }
  } catch (e) {
    return { type: 'failure', id: request.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) }
  }
}

/** What a worker host needs: hear requests, post answers (`self` in a Web Worker, `parentPort` in Node). */
export type ValidationHostPort = {
  postMessage(message: ValidationResponse): void
  onMessage(listener: (message: unknown) => void): void
}

/**
 * Serves validation requests on a worker's port; the whole body of a worker script. In a browser:
 * `serveValidationRequests({ postMessage: (m) => self.postMessage(m), onMessage: (l) => { self.onmessage = (e) => l(e.data) } })`.
 */
export function serveValidationRequests(port: ValidationHostPort): void {
  const validator = createProjectValidator()
  port.onMessage((message) => {
    if (!isValidationRequest(message)) return
    void handleValidationRequest(message, validator).then((response) => port.postMessage(response))
  })
}

/** What a client needs from a worker: post a message, and hear answers. Both Web Workers and worker_threads fit. */
export type ValidationPort = {
  postMessage(message: ValidationRequest): void
  onMessage(listener: (message: unknown) => void): void
}

export type ValidationClient = {
  /** Resolves with the sorted problems; rejects only when the validator itself failed (a bug). */
  validate(files: Record<string, string>, options?: ValidateProjectOptions): Promise<Problem[]>
  /** Requests still waiting for an answer. */
  pending(): number
  /** Rejects every pending request (when the worker is terminated). */
  rejectAll(reason: string): void
}

/** The caller side over any port: ids, pending promises, answers matched by id. */
export function createValidationClient(port: ValidationPort): ValidationClient {
  let nextId = 1
  const waiting = new Map<number, { resolve: (p: Problem[]) => void; reject: (e: Error) => void }>()
  port.onMessage((message) => {
    if (!isValidationResponse(message)) return
    const w = waiting.get(message.id)
    if (!w) return
    waiting.delete(message.id)
    if (message.type === 'result') w.resolve(message.problems)
    else w.reject(new Error(`validation worker failed: ${message.message}`))
  })
  return {
    validate(files, options) {
      const id = nextId++
      return new Promise<Problem[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        const request: ValidationRequest = { type: 'validate', id, files }
        if (options) request.options = options
        port.postMessage(request)
      })
    },
    pending: () => waiting.size,
    rejectAll(reason) {
      for (const w of waiting.values()) w.reject(new Error(reason))
      waiting.clear()
    },
  }
}
