/** The CLI's exit codes. 70 is sysexits' EX_SOFTWARE: a bug of ours, never the user's input. */
export const ExitCode = {
  ok: 0,
  invalidInput: 1,
  usage: 2,
  internal: 70,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
