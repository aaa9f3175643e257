// The workflow contract lives in lib/runtime (the service layer starts and signals these workflows by name).
export * from '../../../lib/runtime/workflow-contract'
