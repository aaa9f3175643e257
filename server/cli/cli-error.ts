import { ExitCode } from './exit-code'

/**
 * An expected failure the CLI reports in one located line (plus an optional hint) and an exit code — never a stack
 * trace. Anything else that is thrown is a bug and exits 70.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode
  readonly hint: string

  constructor(exitCode: ExitCode, message: string, hint = '') {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
    this.hint = hint
  }
}

/** Wrong command line: unknown flag, missing argument. Exit 2. */
export function usageError(message: string, hint = ''): CliError {
  return new CliError(ExitCode.usage, message, hint)
}

/** The input (a folder, a file) is not what the command needs. Exit 1. */
export function inputError(message: string, hint = ''): CliError {
  return new CliError(ExitCode.invalidInput, message, hint)
}
