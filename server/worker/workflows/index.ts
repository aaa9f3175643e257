// The workflow bundle's entry: every workflow type the worker registers (started by these type names).
export { consumerGate, deliverMessage } from './deliver-message'
export { interpretProcess, nodeStatesQuery } from './interpret-process'
