import { type ChildProcess, spawn } from 'node:child_process'

export interface Supervised {
  name: string
  child: ChildProcess
  /** Resolves when the child printed a line matching `ready` (or immediately without one). */
  ready: Promise<void>
}

/**
 * Starts one child process with its output prefixed by its name. If a required child exits, `onExit` is called so
 * the launcher can stop everything (a half-running product is worse than a clear stop).
 */
export function supervise(options: {
  name: string
  command: string
  args: string[]
  env: NodeJS.ProcessEnv
  ready?: RegExp
  onExit: (name: string, code: number | null) => void
}): Supervised {
  const child = spawn(options.command, options.args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    child.once('exit', (code) => reject(new Error(`${options.name} exited with code ${code} before it was ready`)))
  })
  ready.catch(() => {})
  if (!options.ready) markReady()
  const relay = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let buffer = ''
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      let newline = buffer.indexOf('\n')
      while (newline >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        out.write(`[${options.name}] ${line}\n`)
        if (options.ready?.test(line)) markReady()
        newline = buffer.indexOf('\n')
      }
    })
  }
  if (child.stdout) relay(child.stdout, process.stdout)
  if (child.stderr) relay(child.stderr, process.stderr)
  child.on('exit', (code) => options.onExit(options.name, code))
  return { name: options.name, child, ready }
}
