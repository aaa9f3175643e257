import { parseArgs } from 'node:util'
import { usageError } from './cli-error'
import type { Command } from './command'

export type ParsedArgs = {
  help: boolean
  positionals: string[]
  strings: Record<string, string | undefined>
  flags: Record<string, boolean>
}

type ParseArgsOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>

/**
 * Parses one command's arguments strictly: an unknown flag, a missing value or a wrong number of positionals is a
 * usage error (exit 2) naming the command's help. `--help` wins over everything else.
 */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs {
  const options: ParseArgsOptions = { help: { type: 'boolean', short: 'h' } }
  for (const option of command.options) {
    options[option.name] =
      option.short === undefined ? { type: option.type } : { type: option.type, short: option.short }
  }
  const seeHelp = `see: backplane ${command.name} --help`
  let parsed: ReturnType<typeof parseArgs<{ options: ParseArgsOptions; allowPositionals: true; strict: true }>>
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw usageError(`${command.name}: ${describeParseError(error)}`, seeHelp)
  }
  const strings: Record<string, string | undefined> = {}
  const flags: Record<string, boolean> = {}
  for (const [key, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') strings[key] = value
    else if (typeof value === 'boolean') flags[key] = value
  }
  const help = flags.help === true
  if (!help) {
    const expected = command.positionals.map((p) => `<${p.name}>`).join(' ')
    if (parsed.positionals.length < command.positionals.length) {
      const missing = command.positionals[parsed.positionals.length]
      throw usageError(`${command.name}: missing argument <${missing?.name ?? '?'}> (expected ${expected})`, seeHelp)
    }
    if (parsed.positionals.length > command.positionals.length) {
      const extra = parsed.positionals.slice(command.positionals.length).join(' ')
      throw usageError(`${command.name}: unexpected argument ${JSON.stringify(extra)} (expected ${expected})`, seeHelp)
    }
    for (const option of command.options) {
      if (option.required === true && strings[option.name] === undefined) {
        throw usageError(`${command.name}: missing option --${option.name} ${option.value ?? ''}`.trimEnd(), seeHelp)
      }
      const value = strings[option.name]
      if (value !== undefined && value.trim() === '') {
        throw usageError(`${command.name}: option --${option.name} needs a non-empty value`, seeHelp)
      }
    }
  }
  return { help, positionals: parsed.positionals, strings, flags }
}

function describeParseError(error: unknown): string {
  if (!(error instanceof Error)) return 'invalid arguments'
  const code = (error as Error & { code?: unknown }).code
  const unknown = /Unknown option '([^']+)'/.exec(error.message)
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) return `unknown option ${unknown[1]}`
  // node's own messages are clear but carry advice for script authors ("To specify a positional argument…"): keep
  // only the first sentence.
  return error.message.split('. ')[0]?.replace(/\.$/, '') ?? error.message
}
