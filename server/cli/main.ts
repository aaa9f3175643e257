import { readFileSync } from 'node:fs'
import { CliError, usageError } from './cli-error'
import type { CliOutput, Command } from './command'
import { addApiCommand } from './commands/add-api-command'
import { diffCommand } from './commands/diff-command'
import { fmtCommand } from './commands/fmt-command'
import { hashCommand } from './commands/hash-command'
import { newCommand } from './commands/new-command'
import { packCommand } from './commands/pack-command'
import { unpackCommand } from './commands/unpack-command'
import { validateCommand } from './commands/validate-command'
import { describeFsError } from './describe-fs-error'
import { ExitCode } from './exit-code'
import { formatCommandHelp, formatMainHelp } from './format-help'
import { parseCommandArgs } from './parse-command-args'

export const commands: readonly Command[] = [
  newCommand,
  addApiCommand,
  validateCommand,
  fmtCommand,
  hashCommand,
  diffCommand,
  packCommand,
  unpackCommand,
]

/** Everything has a default; tests pass `out` to capture output and `commands` to add a failing command. */
export type MainOptions = {
  cwd?: string
  env?: Readonly<Record<string, string | undefined>>
  out?: CliOutput
  commands?: readonly Command[]
}

/**
 * Runs one CLI invocation and returns its exit code. Expected failures (CliError) print one located message and a
 * hint; anything else is a bug of ours: one line, exit 70, and the stack only with BACKPLANE_DEBUG=1.
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<ExitCode> {
  const out = options.out ?? processOutput
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  const list = options.commands ?? commands
  try {
    return await dispatch(argv, list, { cwd, env, out })
  } catch (error) {
    if (error instanceof CliError) {
      out.stderr(`backplane: ${error.message}\n`)
      if (error.hint !== '') out.stderr(`  hint: ${error.hint}\n`)
      return error.exitCode
    }
    const fsProblem = describeFsError(error)
    if (fsProblem !== undefined) {
      out.stderr(`backplane: ${fsProblem}\n`)
      return ExitCode.invalidInput
    }
    const message = error instanceof Error ? error.message : String(error)
    out.stderr(`backplane: internal error: ${message.split('\n')[0] ?? ''}\n`)
    if (env.BACKPLANE_DEBUG === '1' && error instanceof Error && error.stack !== undefined) {
      out.stderr(`${error.stack}\n`)
    } else {
      out.stderr('  hint: this is a bug in Backplane; rerun with BACKPLANE_DEBUG=1 for the stack trace and report it\n')
    }
    return ExitCode.internal
  }
}

async function dispatch(
  argv: readonly string[],
  commands: readonly Command[],
  base: { cwd: string; env: Readonly<Record<string, string | undefined>>; out: CliOutput },
): Promise<ExitCode> {
  const [first, ...rest] = argv
  if (first === undefined) {
    base.out.stderr(formatMainHelp(commands, version()))
    return ExitCode.usage
  }
  if (first === '--help' || first === '-h') {
    base.out.stdout(formatMainHelp(commands, version()))
    return ExitCode.ok
  }
  if (first === '--version' || first === '-v') {
    base.out.stdout(`${version()}\n`)
    return ExitCode.ok
  }
  if (first === 'help') {
    const target = rest[0]
    if (target === undefined) {
      base.out.stdout(formatMainHelp(commands, version()))
      return ExitCode.ok
    }
    base.out.stdout(formatCommandHelp(findCommand(commands, target)))
    return ExitCode.ok
  }
  if (first.startsWith('-')) throw usageError(`unknown option ${first}`, 'see: backplane --help')
  const command = findCommand(commands, first)
  const parsed = parseCommandArgs(command, rest)
  if (parsed.help) {
    base.out.stdout(formatCommandHelp(command))
    return ExitCode.ok
  }
  return command.run({ ...base, positionals: parsed.positionals, strings: parsed.strings, flags: parsed.flags })
}

function findCommand(commands: readonly Command[], name: string): Command {
  const command = commands.find((c) => c.name === name)
  if (command !== undefined) return command
  const close = commands.find((c) => c.name.startsWith(name.slice(0, 2)))
  throw usageError(
    `unknown command ${JSON.stringify(name)}`,
    close === undefined ? 'see: backplane --help' : `did you mean "${close.name}"? see: backplane --help`,
  )
}

let cachedVersion: string | undefined
function version(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
      const v = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined
      cachedVersion = typeof v === 'string' ? v : '0.0.0'
    } catch {
      cachedVersion = '0.0.0'
    }
  }
  return cachedVersion
}

const processOutput: CliOutput = {
  stdout: (text) => {
    process.stdout.write(text)
  },
  stderr: (text) => {
    process.stderr.write(text)
  },
}
