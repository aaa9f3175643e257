/**
 * The catalogue of cross-file rules (Problem.rule) and their codes (Problem.code). `code` is the class a caller can
 * switch on; `rule` the precise, stable, documented rule. Per-file schema and spec rules come from lib/formats.
 */
export const validationRules = {
  // Names and ids (layout, JSON, schema and file-name rules are lib/formats' readProject: files.*, json.*, schema.*)
  nameDuplicate: { code: 'project-name', rule: 'project.name.duplicate' },
  idDuplicate: { code: 'project-id', rule: 'project.id.duplicate' },
  // Triggers
  triggerUnknownApi: { code: 'process-trigger', rule: 'process.trigger.unknown-api' },
  triggerApiNotRest: { code: 'process-trigger', rule: 'process.trigger.api-not-rest' },
  triggerUnknownOperation: { code: 'process-trigger', rule: 'process.trigger.unknown-operation' },
  triggerUnknownInput: { code: 'process-trigger', rule: 'process.trigger.unknown-input' },
  triggerUnknownParameter: { code: 'process-trigger', rule: 'process.trigger.unknown-parameter' },
  triggerNoRequestBody: { code: 'process-trigger', rule: 'process.trigger.no-request-body' },
  triggerUnknownBodyPointer: { code: 'process-trigger', rule: 'process.trigger.unknown-body-pointer' },
  triggerUnmappedInput: { code: 'process-trigger', rule: 'process.trigger.unmapped-input' },
  triggerUndeclaredResponse: { code: 'process-trigger', rule: 'process.trigger.undeclared-response' },
  triggerUndeclaredError: { code: 'process-trigger', rule: 'process.trigger.undeclared-error' },
  triggerUnmappedError: { code: 'process-trigger', rule: 'process.trigger.unmapped-error' },
  triggerUnknownQueue: { code: 'process-trigger', rule: 'process.trigger.unknown-queue' },
  triggerNotConsumer: { code: 'process-trigger', rule: 'process.trigger.not-consumer' },
  scheduleRequiresInput: { code: 'process-trigger', rule: 'process.schedule.requires-input' },
  scheduleInvalidCron: { code: 'process-trigger', rule: 'process.schedule.invalid-cron' },
  scheduleInvalidTimeZone: { code: 'process-trigger', rule: 'process.schedule.invalid-time-zone' },
  // Database nodes
  dbUnknownDatabase: { code: 'process-database', rule: 'process.database.unknown-database' },
  dbNotExecutable: { code: 'process-database', rule: 'process.database.not-executable' },
  dbUnknownTable: { code: 'process-database', rule: 'process.database.unknown-table' },
  dbUnknownColumn: { code: 'process-database', rule: 'process.database.unknown-column' },
  dbCapabilityMissing: { code: 'process-database', rule: 'process.database.capability-missing' },
  dbKeyNotPrimary: { code: 'process-database', rule: 'process.database.key-not-primary' },
  dbMissingValue: { code: 'process-database', rule: 'process.database.missing-column-value' },
  // Queues
  publishUnknownQueue: { code: 'process-queue', rule: 'process.queue-publish.unknown-queue' },
  publishNotProducer: { code: 'process-queue', rule: 'process.queue-publish.not-producer' },
  queueProducerUnknown: { code: 'queue-reference', rule: 'queue.producer.unknown-process' },
  queueProducerNoPublish: { code: 'queue-reference', rule: 'queue.producer.no-publish-node' },
  queueConsumerUnknown: { code: 'queue-reference', rule: 'queue.consumer.unknown-process' },
  queueConsumerNotTriggered: { code: 'queue-reference', rule: 'queue.consumer.not-triggered' },
  queueForwardUnknown: { code: 'queue-reference', rule: 'queue.dead-letter.unknown-queue' },
  queueForwardSelf: { code: 'queue-reference', rule: 'queue.dead-letter.self' },
  queueForwardCycle: { code: 'queue-reference', rule: 'queue.dead-letter.cycle' },
  queueConsumerInputMismatch: { code: 'queue-reference', rule: 'queue.consumer.input-mismatch' },
  // Call-process
  callUnknownProcess: { code: 'process-call', rule: 'process.call.unknown-process' },
  callRecursion: { code: 'process-call', rule: 'process.call.recursion' },
  callMissingInput: { code: 'process-call', rule: 'process.call.missing-input' },
  callUnknownInput: { code: 'process-call', rule: 'process.call.unknown-input' },
  // Graph
  graphEntryUnknown: { code: 'process-graph', rule: 'process.graph.entry-unknown' },
  graphDuplicateNodeId: { code: 'process-graph', rule: 'process.graph.duplicate-node-id' },
  edgeUnknownNode: { code: 'process-graph', rule: 'process.edge.unknown-node' },
  edgeUnknownPort: { code: 'process-graph', rule: 'process.edge.unknown-port' },
  edgePortReused: { code: 'process-graph', rule: 'process.edge.port-reused' },
  edgeToEntry: { code: 'process-graph', rule: 'process.edge.to-entry' },
  graphCycle: { code: 'process-graph', rule: 'process.graph.cycle' },
  graphPortUnconnected: { code: 'process-graph', rule: 'process.graph.port-unconnected' },
  graphUnreachable: { code: 'process-graph', rule: 'process.graph.unreachable' },
  conditionDuplicateCase: { code: 'process-graph', rule: 'process.condition.duplicate-case' },
  catchDuplicatePort: { code: 'process-graph', rule: 'process.catch.duplicate-port' },
  // Errors
  failUndeclaredError: { code: 'process-error', rule: 'process.fail.undeclared-error' },
  errorNeverRaised: { code: 'process-error', rule: 'process.error.never-raised' },
  matcherImpossible: { code: 'process-error', rule: 'process.error-matcher.impossible' },
  // Values against their declared schemas (object constructors, best effort)
  valueMissingProperty: { code: 'process-value', rule: 'process.value.missing-property' },
  valueUnknownProperty: { code: 'process-value', rule: 'process.value.unknown-property' },
  httpUnknownPlaceholder: { code: 'process-http', rule: 'process.http.unknown-placeholder' },
  httpUnusedParam: { code: 'process-http', rule: 'process.http.unused-param' },
  // Process kinds
  calculationImpure: { code: 'process-type', rule: 'process.calculation.impure-node' },
} as const

export type ValidationRule = (typeof validationRules)[keyof typeof validationRules]
