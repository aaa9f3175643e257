export type { ListDeadLettersFilter, ReplayResult } from './dead-letters'
export { listDeadLetters, replayDeadLetters } from './dead-letters'
export type { ActiveDeployment, Definitions } from './definitions'
export { activeDeployment, bundleFor, definitionsFromFiles, findProcess, loadCommitDefinitions } from './definitions'
export type { DeployRequest, DeployResult } from './deploy'
export { deploy, scheduleId } from './deploy'
export type { DeploymentNote } from './deployment-notes'
export { deploymentNotes } from './deployment-notes'
export type { DraftSnapshot, PreparedDraftSnapshot } from './draft-snapshot'
export { createDraftSnapshot, draftSnapshotsKept, prepareDraftSnapshot, pruneDraftSnapshots } from './draft-snapshot'
export { enqueueDelivery } from './enqueue-delivery'
export type { ExecutionView } from './execution-view'
export { executionDetailView, executionView } from './execution-view'
export type { Execution, ListExecutionsFilter, RunOutcome, StartRunRequest, StartRunResult } from './executions'
export { cancelExecution, findExecution, getExecution, listExecutions, runAndWait, startRun } from './executions'
export type { DeploymentView } from './list-deployments'
export { listDeployments } from './list-deployments'
export type { EnvironmentView } from './list-environments'
export { listEnvironments } from './list-environments'
export type { BlockMigration, LiveCatalogue, MigrationStep } from './plan-migration'
export { emptyCatalogue, planMigration, planMigrationFrom } from './plan-migration'
export { blockDatabaseName, blockProvisionerFromEnv, provisionBlockDatabase } from './provision-database'
export type { RunProcessRequest, RunProcessResult } from './run-process'
export { runProcess } from './run-process'
export type { RuntimeContext, RuntimeFailure } from './runtime-context'
export type { DeadLetterRecord, TraceRecord } from './runtime-stores'
export { createRuntimeResolvers, recordDeadLetter, recordTrace } from './runtime-stores'
export { openSecret, parseSecretKey, sealSecret } from './secret-box'
export type { EnvScope } from './secrets'
export {
  bindingUrlProblem,
  deleteSecret,
  ensureEnvironments,
  environmentPolicy,
  listDatabaseBindings,
  listSecretNames,
  readDatabaseUrl,
  readSecret,
  secretNameProblem,
  secretValueProblem,
  setDatabaseBinding,
  setPrivateNetworkAllowed,
  setSecret,
} from './secrets'
export type { DeadLetterStatus as DeadLetterStatusType, EnvironmentName as EnvironmentNameType } from './tables'
export {
  DeadLetterStatus,
  DeploymentStatus,
  databaseBindings,
  deadLetters,
  deployments,
  draftSnapshotFiles,
  draftSnapshots,
  EnvironmentName,
  ExecutionStatus,
  environments,
  executions,
  executionTraces,
  runtimeTables,
  secrets,
} from './tables'
export { validateDefinitions } from './validate-definitions'
export * from './workflow-contract'
