import type { ExitCode } from './exit-code'

export type OptionSpec = {
  name: string
  type: 'string' | 'boolean'
  short?: string
  /** Placeholder shown in help for a string option, e.g. "<file>". */
  value?: string
  description: string
  required?: boolean
}

export type PositionalSpec = { name: string; description: string }

/** Where a command writes. Results go to stdout, diagnostics to stderr. */
export type CliOutput = {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export type CommandContext = {
  positionals: string[]
  strings: Record<string, string | undefined>
  flags: Record<string, boolean>
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  out: CliOutput
}

/** One `backplane <name>` command: its help is generated from these fields, so it cannot drift from the parser. */
export type Command = {
  name: string
  summary: string
  description: string
  positionals: PositionalSpec[]
  options: OptionSpec[]
  examples: string[]
  run: (ctx: CommandContext) => Promise<ExitCode>
}
