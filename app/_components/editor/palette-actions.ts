'use client'
import type { JsonValue } from '../../../lib/doc'
import { type DesignView, pointerSegment } from '../../../lib/projections'
import type { ProcessType } from '../../../lib/templates'
import type { DialogField } from './CreateDialog'
import type { DesignActions } from './design-actions'

export interface PaletteDialog {
  title: string
  submitLabel: string
  fields: DialogField[]
  /** Performs the creation; returns a refusal to show, or null when done. */
  submit(values: Record<string, string>): string | null
  /** Which element to select after creation. */
  selectAfter?: (values: Record<string, string>) => string | undefined
}

const namePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const keyPattern = /^[A-Za-z0-9_.-]+$/

function checkName(
  design: DesignView,
  kind: 'apis' | 'processes' | 'databases' | 'queues',
  name: string,
): string | null {
  if (!namePattern.test(name))
    return 'A name is lowercase letters, digits and single dashes, starting with a letter (e.g. "orders").'
  if (Object.values(design[kind]).some((e) => e.name === name)) return `There is already one named "${name}".`
  return null
}

/** The dialog a palette item opens, and what its submission does. Only what the current canvas allows. */
export function paletteDialog(
  itemId: string,
  ctx: { design: DesignView; actions: DesignActions; apiId?: string; onCreated(id: string): void },
): PaletteDialog | undefined {
  const { design, actions, apiId } = ctx
  /** Checks the name, then creates; a refusal is returned to the dialog. */
  const create = (refusal: string | null, make: () => string): string | null => {
    if (refusal) return refusal
    ctx.onCreated(make())
    return null
  }
  const spec = apiId ? design.apis[apiId]?.spec : undefined
  const specObject = spec && typeof spec === 'object' && !Array.isArray(spec) ? spec : {}
  const setSpec = (pointer: string, value: JsonValue) => apiId && actions.setSpecValue(apiId, pointer, value)
  const has = (pointer: string) => {
    let at: JsonValue | undefined = specObject
    for (const raw of pointer.split('/').slice(1)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
      if (!at || typeof at !== 'object' || Array.isArray(at)) return false
      at = at[key]
    }
    return at !== undefined
  }
  switch (itemId) {
    case 'new-api':
      return {
        title: 'New API',
        submitLabel: 'Create API',
        // The type comes first and cannot be changed later (DESIGN rule 1).
        fields: [
          { name: 'type', label: 'API type', options: ['REST (OpenAPI)', 'Event / WebSocket (AsyncAPI)'] },
          { name: 'name', label: 'Name', placeholder: 'orders' },
        ],
        submit: (v) =>
          create(checkName(design, 'apis', v.name ?? ''), () =>
            actions.createApi(v.type?.startsWith('REST') ? 'rest' : 'event', v.name ?? ''),
          ),
      }
    case 'new-process':
      return {
        title: 'New process',
        submitLabel: 'Create process',
        fields: [
          { name: 'name', label: 'Name', placeholder: 'create-order' },
          {
            name: 'type',
            label: 'Type',
            options: ['calculation', 'database-workflow', 'background-job', 'queue-consumer', 'orchestrated-workflow'],
            initial: 'database-workflow',
          },
        ],
        submit: (v) =>
          create(checkName(design, 'processes', v.name ?? ''), () =>
            actions.createProcess(v.name ?? '', (v.type ?? 'calculation') as ProcessType),
          ),
      }
    case 'new-database':
      return {
        title: 'New database',
        submitLabel: 'Create database',
        fields: [{ name: 'name', label: 'Name', placeholder: 'orders-db' }],
        submit: (v) => create(checkName(design, 'databases', v.name ?? ''), () => actions.createDatabase(v.name ?? '')),
      }
    case 'new-queue':
      return {
        title: 'New queue',
        submitLabel: 'Create queue',
        fields: [{ name: 'name', label: 'Name', placeholder: 'fulfilment' }],
        submit: (v) => create(checkName(design, 'queues', v.name ?? ''), () => actions.createQueue(v.name ?? '')),
      }
    case 'rest-operation':
      return {
        title: 'New operation',
        submitLabel: 'Add operation',
        fields: [
          { name: 'method', label: 'Method', options: ['get', 'post', 'put', 'patch', 'delete'] },
          { name: 'path', label: 'Path', placeholder: '/orders/{orderId}' },
          { name: 'operationId', label: 'operationId', placeholder: 'createOrder' },
        ],
        submit: (v) => {
          const path = v.path ?? ''
          if (!path.startsWith('/')) return 'A path starts with "/".'
          const pointer = `/paths/${pointerSegment(path)}/${v.method}`
          if (has(pointer)) return `${v.method?.toUpperCase()} ${path} already exists.`
          setSpec(pointer, {
            ...(v.operationId ? { operationId: v.operationId } : {}),
            responses: { '200': { description: 'OK' } },
          })
          ctx.onCreated(pointer)
          return null
        },
      }
    case 'rest-schema':
    case 'event-schema':
      return componentDialog('Component schema', 'schemas', { type: 'object', properties: {} })
    case 'rest-security':
      return componentDialog('Security scheme', 'securitySchemes', { type: 'http', scheme: 'bearer' })
    case 'event-security':
      return componentDialog('Security scheme', 'securitySchemes', { type: 'httpApiKey', name: 'token', in: 'query' })
    case 'event-message':
      return componentDialog('Message', 'messages', { payload: { type: 'object', properties: {} } })
    case 'rest-server':
      return {
        title: 'New server',
        submitLabel: 'Add server',
        fields: [{ name: 'url', label: 'URL', placeholder: 'https://api.example.com' }],
        submit: (v) => {
          const servers = Array.isArray(specObject.servers) ? specObject.servers : []
          setSpec('/servers', [...servers, { url: v.url ?? '' }])
          return null
        },
      }
    case 'rest-tag':
      return {
        title: 'New tag',
        submitLabel: 'Add tag',
        fields: [{ name: 'name', label: 'Name', placeholder: 'orders' }],
        submit: (v) => {
          const tags = Array.isArray(specObject.tags) ? specObject.tags : []
          setSpec('/tags', [...tags, { name: v.name ?? '' }])
          return null
        },
      }
    case 'event-server':
      return {
        title: 'New server',
        submitLabel: 'Add server',
        fields: [
          { name: 'name', label: 'Name', placeholder: 'production' },
          { name: 'host', label: 'Host', placeholder: 'chat.example.com' },
          { name: 'protocol', label: 'Protocol', options: ['ws', 'wss', 'kafka', 'amqp', 'mqtt', 'http'] },
        ],
        submit: (v) => {
          if (!keyPattern.test(v.name ?? '')) return 'A server name is letters, digits, _ . -'
          setSpec(`/servers/${pointerSegment(v.name ?? '')}`, { host: v.host ?? '', protocol: v.protocol ?? 'ws' })
          return null
        },
      }
    case 'event-channel':
      return {
        title: 'New channel',
        submitLabel: 'Add channel',
        fields: [
          { name: 'id', label: 'Channel id', placeholder: 'chatMessages' },
          { name: 'address', label: 'Address', placeholder: 'rooms/{roomId}/messages' },
        ],
        submit: (v) => {
          if (!keyPattern.test(v.id ?? '')) return 'A channel id is letters, digits, _ . -'
          const pointer = `/channels/${pointerSegment(v.id ?? '')}`
          if (has(pointer)) return `Channel ${v.id} already exists.`
          setSpec(pointer, { address: v.address ?? '', messages: {} })
          ctx.onCreated(pointer)
          return null
        },
      }
    case 'event-operation': {
      const channels = Object.keys((specObject.channels as Record<string, unknown> | undefined) ?? {})
      return {
        title: 'New operation',
        submitLabel: 'Add operation',
        fields: [
          { name: 'id', label: 'Operation id', placeholder: 'sendMessage' },
          { name: 'action', label: 'Action', options: ['send', 'receive'] },
          { name: 'channel', label: 'Channel', options: channels.length ? channels : ['(add a channel first)'] },
        ],
        submit: (v) => {
          if (!channels.includes(v.channel ?? '')) return 'Add a channel first: an operation sends or receives on one.'
          if (!keyPattern.test(v.id ?? '')) return 'An operation id is letters, digits, _ . -'
          const pointer = `/operations/${pointerSegment(v.id ?? '')}`
          if (has(pointer)) return `Operation ${v.id} already exists.`
          setSpec(pointer, {
            action: v.action ?? 'send',
            channel: { $ref: `#/channels/${pointerSegment(v.channel ?? '')}` },
          })
          ctx.onCreated(pointer)
          return null
        },
      }
    }
    default:
      return undefined
  }

  function componentDialog(title: string, section: string, value: JsonValue): PaletteDialog {
    return {
      title: `New ${title.toLowerCase()}`,
      submitLabel: `Add ${title.toLowerCase()}`,
      fields: [{ name: 'name', label: 'Name', placeholder: 'Order' }],
      submit: (v) => {
        if (!keyPattern.test(v.name ?? '')) return 'A component name is letters, digits, _ . -'
        const pointer = `/components/${section}/${pointerSegment(v.name ?? '')}`
        if (has(pointer)) return `${v.name} already exists.`
        setSpec(pointer, value)
        return null
      },
    }
  }
}
