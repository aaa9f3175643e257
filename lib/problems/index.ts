export type { Problem, ProblemInit, ProblemSeverity } from './problem'
export { problem } from './problem'
export { sortProblems } from './sort-problems'
