import { lookupField } from '../../expressions'
import type { ApiOperationTrigger, ProcessFile } from '../../formats'
import type { OpenApiOperationIndex } from '../../formats/spec/index-spec'
import { cronProblem, isKnownTimeZone } from '../cron-problem'
import { byName, type ProjectFile } from '../project-model'
import type { RuleContext } from '../rule-context'
import { validationRules as R } from '../validation-rules'

type SchemaObject = { [k: string]: unknown }
const isObject = (v: unknown): v is SchemaObject => typeof v === 'object' && v !== null && !Array.isArray(v)

export function inputProperties(process: ProcessFile): { properties: string[]; required: string[]; known: boolean } {
  const s = process.inputs
  if (!isObject(s) || !isObject(s.properties)) {
    return {
      properties: [],
      required: isObject(s) && Array.isArray(s.required) ? (s.required as string[]) : [],
      known: false,
    }
  }
  return {
    properties: Object.keys(s.properties),
    required: Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [],
    known: true,
  }
}

/** Does a body JSON pointer exist in the body schema? undefined when the schema cannot tell. */
function bodyPointerExists(schema: unknown, document: unknown, pointer: string): boolean | undefined {
  let current: unknown = schema
  const segments =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
  for (const seg of segments) {
    const s = current
    if (/^(0|[1-9][0-9]*)$/.test(seg) && isObject(s) && 'items' in s && !isObject(s.properties)) {
      current = s.items
      continue
    }
    const r = lookupField(current, document, seg)
    if (r.kind === 'unknown') return undefined
    if (r.kind === 'missing') return false
    current = r.schema
  }
  return true
}

function statusDeclared(op: OpenApiOperationIndex, status: string): boolean {
  return op.responses.some(
    (r) => r.status === status || (/^[1-5]XX$/.test(r.status) && r.status[0] === status[0] && /^\d{3}$/.test(status)),
  )
}

function findOperation(ops: OpenApiOperationIndex[], trigger: ApiOperationTrigger): OpenApiOperationIndex | undefined {
  const ref = trigger.operation
  if ('operationId' in ref) return ops.find((o) => o.operationId === ref.operationId)
  return ops.find((o) => o.method === ref.method && o.path === ref.path)
}

function checkApiTrigger(
  ctx: RuleContext,
  file: ProjectFile<ProcessFile>,
  process: ProcessFile,
  trigger: ApiOperationTrigger,
): void {
  const base = '/execution/trigger'
  const api = ctx.model.apis.find((a) => a.name === trigger.api)
  // Without a (valid) manifest there is no list of APIs to check against; its own problem says so.
  if (!ctx.model.manifest?.value) return
  if (!api) {
    const names = ctx.model.apis.filter((a) => a.type === 'rest').map((a) => a.name)
    ctx.report({
      rule: R.triggerUnknownApi,
      file,
      pointer: `${base}/api`,
      message: `The trigger names API ${trigger.api}, which backplane.json does not declare (REST APIs: ${names.join(', ') || 'none'}).`,
      hint: 'Use the name of a REST API surface from backplane.json, or add the API.',
    })
    return
  }
  if (api.type !== 'rest') {
    ctx.report({
      rule: R.triggerApiNotRest,
      file,
      pointer: `${base}/api`,
      message: `API ${api.name} is an event surface; an api-operation trigger needs a REST (OpenAPI) surface.`,
      hint: 'Consume events with a queue-consumer process, or bind the trigger to a REST API.',
    })
    return
  }
  const index = api.index
  if (index?.kind !== 'openapi') return
  const op = findOperation(index.operations, trigger)
  const ref = trigger.operation
  const described = 'operationId' in ref ? `operationId ${ref.operationId}` : `${ref.method.toUpperCase()} ${ref.path}`
  if (!op) {
    const ids = index.operations.map((o) => o.operationId ?? `${o.method.toUpperCase()} ${o.path}`)
    ctx.report({
      rule: R.triggerUnknownOperation,
      file,
      pointer: `${base}/operation`,
      message: `API ${api.name} has no operation with ${described} (it has ${ids.slice(0, 20).join(', ') || 'none'}).`,
      hint: 'Name an operation of the spec by operationId, or by method and path exactly as the spec writes them.',
    })
    return
  }
  const inputs = inputProperties(process)
  for (const [input, part] of Object.entries(trigger.request)) {
    const pointer = `${base}/request/${input}`
    if (inputs.known && !inputs.properties.includes(input)) {
      ctx.report({
        rule: R.triggerUnknownInput,
        file,
        pointer,
        message: `The request is mapped to input ${input}, which the process inputs do not declare (${inputs.properties.join(', ') || 'none'}).`,
        hint: 'Declare the property in "inputs", or map the request part to an existing input.',
      })
    }
    if (part.from === 'body') {
      if (!op.requestBody) {
        ctx.report({
          rule: R.triggerNoRequestBody,
          file,
          pointer: `${pointer}/from`,
          message: `Input ${input} comes from the request body, but ${described} has no request body.`,
          hint: 'Map the input from a parameter, or declare a requestBody on the operation.',
        })
        continue
      }
      const exists = bodyPointerExists(op.requestBody.schema, api.document, part.pointer ?? '')
      if (exists === false) {
        ctx.report({
          rule: R.triggerUnknownBodyPointer,
          file,
          pointer: `${pointer}/pointer`,
          message: `The request body schema of ${described} has nothing at ${part.pointer}.`,
          hint: 'Use a JSON pointer to a property the body schema declares ("" is the whole body).',
        })
      }
      continue
    }
    const where = part.from === 'header' ? 'header' : part.from
    const found = op.parameters.some(
      (p) =>
        p.in === where &&
        (where === 'header' ? p.name.toLowerCase() === part.name?.toLowerCase() : p.name === part.name),
    )
    if (!found) {
      const same = op.parameters.filter((p) => p.in === where).map((p) => p.name)
      ctx.report({
        rule: R.triggerUnknownParameter,
        file,
        pointer: `${pointer}/name`,
        message: `${described} has no ${where} parameter ${part.name} (${where} parameters: ${same.join(', ') || 'none'}).`,
        hint: 'Map an existing parameter, or declare it in the spec first.',
      })
    }
  }
  for (const required of inputs.required) {
    if (!Object.hasOwn(trigger.request, required)) {
      ctx.report({
        rule: R.triggerUnmappedInput,
        file,
        pointer: `${base}/request`,
        message: `Required input ${required} is not mapped from any part of the request.`,
        hint: `Add "${required}": { "from": "path" | "query" | "header" | "cookie" | "body", … } to the trigger's request map.`,
      })
    }
  }
  const statuses = op.responses.map((r) => r.status).join(', ') || 'none'
  if (!statusDeclared(op, trigger.response.status)) {
    ctx.report({
      rule: R.triggerUndeclaredResponse,
      file,
      pointer: `${base}/response/status`,
      message: `The success output is sent as ${trigger.response.status}, which ${described} does not declare (responses: ${statuses}).`,
      hint: 'Use a status the operation declares, or declare the response in the spec.',
    })
  }
  const declared = Object.keys(process.outputs.errors)
  for (const [name, mapping] of Object.entries(trigger.errors)) {
    const pointer = `${base}/errors/${name}`
    if (!declared.includes(name)) {
      ctx.report({
        rule: R.triggerUndeclaredError,
        file,
        pointer,
        message: `The trigger maps error ${name}, which outputs.errors does not declare (${declared.join(', ') || 'none'}).`,
        hint: 'Declare the error in outputs.errors, or remove the mapping.',
      })
    }
    if (!statusDeclared(op, mapping.status)) {
      ctx.report({
        rule: R.triggerUndeclaredResponse,
        file,
        pointer: `${pointer}/status`,
        message: `Error ${name} is sent as ${mapping.status}, which ${described} does not declare (responses: ${statuses}).`,
        hint: 'Use a status the operation declares, or declare the response in the spec.',
      })
    }
  }
  for (const name of declared) {
    if (!Object.hasOwn(trigger.errors, name)) {
      ctx.report({
        rule: R.triggerUnmappedError,
        file,
        pointer: `${base}/errors`,
        message: `Declared error ${name} is not mapped to a response of ${described}.`,
        hint: `Add "${name}": { "status": "<a declared error status>" } to the trigger's errors.`,
      })
    }
  }
}

/**
 * Triggers: api-operation triggers name an existing REST API and operation, map request parts that exist to
 * declared inputs, map every required input, and send success and every declared error as declared responses;
 * queue triggers name a declared queue that lists the process as a consumer; scheduled processes need no input.
 */
export function triggerRules(ctx: RuleContext): void {
  for (const file of ctx.model.processes) {
    const process = file.value
    if (!process) continue
    const trigger = process.execution.trigger
    if (trigger.kind === 'api-operation') checkApiTrigger(ctx, file, process, trigger)
    if (trigger.kind === 'queue') {
      const queue = byName(ctx.model.queues, trigger.queue)
      if (!queue) {
        ctx.report({
          rule: R.triggerUnknownQueue,
          file,
          pointer: '/execution/trigger/queue',
          message: `The trigger consumes queue ${trigger.queue}, which is not declared in infra/queues/.`,
          hint: `Add infra/queues/${trigger.queue}.queue.json, or name an existing queue.`,
        })
      } else if (queue.value && !Object.hasOwn(queue.value.consumers, process.name)) {
        ctx.report({
          rule: R.triggerNotConsumer,
          file,
          pointer: '/execution/trigger/queue',
          message: `Queue ${trigger.queue} does not list ${process.name} among its consumers.`,
          hint: `Add "${process.name}": { "concurrency": 1 } to the queue's consumers.`,
        })
      }
    }
    if (trigger.kind === 'schedule') {
      const why = trigger.cron === undefined ? undefined : cronProblem(trigger.cron)
      if (why !== undefined) {
        ctx.report({
          rule: R.scheduleInvalidCron,
          file,
          pointer: '/execution/trigger/cron',
          message: `The cron expression "${trigger.cron}" is invalid: ${why}.`,
          hint: 'Write five fields: minute hour day-of-month month day-of-week, e.g. "0 2 * * *" (02:00 every day).',
        })
      }
      if (!isKnownTimeZone(trigger.timeZone)) {
        ctx.report({
          rule: R.scheduleInvalidTimeZone,
          file,
          pointer: '/execution/trigger/timeZone',
          message: `"${trigger.timeZone}" is not an IANA time zone.`,
          hint: 'Use a name such as Europe/Paris, America/New_York or UTC.',
        })
      }
    }
    if (process.execution.model === 'scheduled') {
      const { required } = inputProperties(process)
      if (required.length > 0) {
        ctx.report({
          rule: R.scheduleRequiresInput,
          file,
          pointer: '/inputs/required',
          message: `A scheduled process gets no caller input, but it requires ${required.join(', ')}.`,
          hint: 'Remove "required" from the inputs (or give the values defaults inside the process).',
        })
      }
    }
  }
}
