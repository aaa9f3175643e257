import type { Command } from './command'

/** `backplane <command> --help`: usage line, description, arguments, options, examples. */
export function formatCommandHelp(command: Command): string {
  const usage = [
    'backplane',
    command.name,
    ...command.positionals.map((p) => `<${p.name}>`),
    ...command.options.map((o) => {
      const text = o.type === 'string' ? `--${o.name} ${o.value ?? '<value>'}` : `--${o.name}`
      return o.required === true ? text : `[${text}]`
    }),
  ].join(' ')
  const lines = [`Usage: ${usage}`, '', command.description, '']
  if (command.positionals.length > 0) {
    lines.push('Arguments:')
    for (const p of command.positionals) lines.push(`  ${pad(`<${p.name}>`, 22)}${p.description}`)
    lines.push('')
  }
  lines.push('Options:')
  for (const o of command.options) {
    const flag = `${o.short === undefined ? '' : `-${o.short}, `}--${o.name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`
    lines.push(`  ${pad(flag, 22)}${o.description}`)
  }
  lines.push(`  ${pad('-h, --help', 22)}Show this help`)
  if (command.examples.length > 0) {
    lines.push('', 'Examples:')
    for (const example of command.examples) lines.push(`  ${example}`)
  }
  lines.push('', 'Exit codes: 0 ok, 1 invalid input, 2 usage error.')
  return `${lines.join('\n')}\n`
}

/** `backplane --help`: every command with its one-line summary. */
export function formatMainHelp(commands: readonly Command[], version: string): string {
  const lines = [
    `backplane ${version} — work with a Backplane project folder`,
    '',
    'Usage: backplane <command> [arguments] [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${pad(c.name, 10)}${c.summary}`),
    '',
    'Options:',
    `  ${pad('-h, --help', 16)}Show help (also: backplane <command> --help)`,
    `  ${pad('-v, --version', 16)}Print the version`,
    '',
    'Exit codes: 0 ok, 1 invalid input, 2 usage error, 70 internal error (BACKPLANE_DEBUG=1 prints its stack).',
  ]
  return `${lines.join('\n')}\n`
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text}  ` : text.padEnd(width)
}
