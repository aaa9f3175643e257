export type { LoadProjectOptions } from './load-project'
export { loadProject } from './load-project'
export { nodeOutputSchema } from './node-output-schema'
export type { Graph, GraphNode, Port } from './process-graph'
export {
  allNodes,
  availableOutputs,
  portsOf,
  processGraphs,
  pureKinds,
  reachable,
  sideEffectingKinds,
} from './process-graph'
export type { ApiEntry, ProjectFile, ProjectModel } from './project-model'
export type { Rule, RuleContext } from './rule-context'
export type {
  ValidationClient,
  ValidationHostPort,
  ValidationPort,
  ValidationRequest,
  ValidationResponse,
} from './validate-in-worker'
export {
  createValidationClient,
  handleValidationRequest,
  isValidationRequest,
  isValidationResponse,
  serveValidationRequests,
} from './validate-in-worker'
export type { ProjectValidator, ValidateProjectOptions, ValidateProjectResult } from './validate-project'
export { createProjectValidator, crossFileRules, validateProject } from './validate-project'
export type { ValidationRule } from './validation-rules'
export { validationRules } from './validation-rules'
