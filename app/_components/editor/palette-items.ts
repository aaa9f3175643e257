/** What the palette offers on each canvas: only elements valid there (DESIGN rule 1: per spec type). */
export interface PaletteItem {
  id: string
  label: string
  category: string
  hint: string
}

export const overviewItems: PaletteItem[] = [
  {
    id: 'new-api',
    label: 'API',
    category: 'API surfaces',
    hint: 'A REST (OpenAPI) or Event (AsyncAPI) API: you choose the type first',
  },
  { id: 'new-process', label: 'Process', category: 'Processes', hint: 'Declared inputs, outputs and a node graph' },
  { id: 'new-database', label: 'Database', category: 'Infrastructure', hint: 'A declared database capability block' },
  {
    id: 'new-queue',
    label: 'Queue',
    category: 'Infrastructure',
    hint: 'A declared queue with retries and a dead-letter target',
  },
]

export const processItems: PaletteItem[] = [
  { id: 'compute', label: 'Compute', category: 'Pure', hint: 'One expression, a typed output' },
  { id: 'transform', label: 'Transform', category: 'Pure', hint: 'Build an object field by field' },
  { id: 'condition', label: 'Condition', category: 'Pure', hint: 'Named cases and a default' },
  { id: 'return', label: 'Return', category: 'Pure', hint: 'End with the success output' },
  { id: 'fail', label: 'Fail', category: 'Pure', hint: 'End with a declared, typed error' },
  { id: 'for-each', label: 'For each', category: 'Durable', hint: 'A sub-graph per item, bounded concurrency' },
  { id: 'wait', label: 'Wait', category: 'Durable', hint: 'A durable timer' },
  { id: 'call-process', label: 'Call process', category: 'Durable', hint: 'Run another process as a child' },
  { id: 'database', label: 'Database', category: 'Side effects', hint: 'Read or write a declared database' },
  { id: 'http', label: 'HTTP request', category: 'Side effects', hint: 'Call an HTTP endpoint' },
  {
    id: 'queue-publish',
    label: 'Publish to queue',
    category: 'Side effects',
    hint: 'Publish a message to a declared queue',
  },
]

/**
 * A for-each body's palette: every process node but another for-each (a body canvas opens from a top-level for-each
 * only; a nested one stays valid in the file, its body edited in the node's form).
 */
export const bodyItems: PaletteItem[] = processItems.filter((i) => i.id !== 'for-each')

export const restItems: PaletteItem[] = [
  { id: 'rest-operation', label: 'Path + operation', category: 'Paths', hint: 'A method on a path (GET /orders…)' },
  { id: 'rest-schema', label: 'Component schema', category: 'Components', hint: 'A reusable JSON Schema' },
  { id: 'rest-security', label: 'Security scheme', category: 'Components', hint: 'Bearer, API key, OAuth2…' },
  { id: 'rest-server', label: 'Server', category: 'Document', hint: 'A base URL' },
  { id: 'rest-tag', label: 'Tag', category: 'Document', hint: 'Group operations' },
]

export const eventItems: PaletteItem[] = [
  { id: 'event-channel', label: 'Channel', category: 'Channels', hint: 'An address messages travel on' },
  { id: 'event-operation', label: 'Operation', category: 'Operations', hint: 'send or receive on a channel' },
  { id: 'event-message', label: 'Message', category: 'Components', hint: 'A reusable message with its payload schema' },
  { id: 'event-schema', label: 'Schema', category: 'Components', hint: 'A reusable payload schema' },
  {
    id: 'event-server',
    label: 'Server',
    category: 'Document',
    hint: 'A broker or WebSocket endpoint and its protocol',
  },
  { id: 'event-security', label: 'Security scheme', category: 'Components', hint: 'How clients authenticate' },
]
