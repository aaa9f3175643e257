import { createServer, type Server, type Socket } from 'node:net'
import type { PGlite } from '@electric-sql/pglite'

const sslRequestCode = 80877103
const cancelRequestCode = 80877102
const gssEncRequestCode = 80877104

/** A FIFO mutex: PGlite is one backend, so exactly one wire connection talks to it at a time. */
class Mutex {
  private locked = false
  private waiters: Array<() => void> = []
  async acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true
      return
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve))
  }
  release(): void {
    const next = this.waiters.shift()
    if (next) next()
    else this.locked = false
  }
}

export interface PgliteWireServer {
  port: number
  stop(): Promise<void>
}

/**
 * Serves one PGlite over the PostgreSQL wire protocol to many connections (every Backplane process), each getting
 * the backend exclusively for a whole message group: from its first message to the `Sync` (extended protocol) or
 * `Query` (simple protocol) that ends it, and for as long as it keeps a transaction open.
 *
 * Why not `PGLiteSocketServer` from @electric-sql/pglite-socket 0.2.17: its queue interleaves single messages of
 * different connections outside explicit transactions, so one client's Bind/Execute can land between another's
 * Parse/Bind on the shared unnamed portal ("portal "" does not exist") as soon as two connections are busy at
 * once. The framing and the per-message hand-off to `execProtocolRawStream` below follow pglite-socket's.
 */
export async function startPgliteWireServer(options: {
  /**
   * The PGlite serving a database name from a connection's startup message, or undefined to refuse it (each
   * name its own PGlite: PGlite is one database per instance).
   */
  open(database: string): Promise<PGlite | undefined>
  host: string
  port: number
}): Promise<PgliteWireServer> {
  const mutexes = new WeakMap<PGlite, Mutex>()
  const mutexOf = (db: PGlite) => {
    let mutex = mutexes.get(db)
    if (!mutex) {
      mutex = new Mutex()
      mutexes.set(db, mutex)
    }
    return mutex
  }
  const sockets = new Set<Socket>()

  function serve(socket: Socket): void {
    sockets.add(socket)
    socket.setNoDelay(true)
    let buffer: Buffer = Buffer.alloc(0)
    let started = false
    let holding = false
    let closed = false
    let chain: Promise<void> = Promise.resolve()
    // Chosen by the startup message; every later message of this connection goes to it.
    let db: PGlite | undefined
    let mutex: Mutex | undefined

    const release = async () => {
      if (!holding || !db || !mutex) return
      if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => {})
      holding = false
      mutex.release()
    }

    const attach = (startup: Buffer) => {
      chain = chain.then(async () => {
        const name = startupParameter(startup, 'database') ?? startupParameter(startup, 'user') ?? 'postgres'
        const opened = await options.open(name).catch((err: unknown) => {
          console.error(`embedded postgres: cannot open database ${name}`, err)
          return undefined
        })
        if (!opened) {
          if (!closed && socket.writable) socket.end(fatalError('3D000', `database "${name}" does not exist`))
          closed = true
          return
        }
        db = opened
        mutex = mutexOf(opened)
      })
    }

    const run = (message: Buffer, endsGroup: boolean) => {
      chain = chain.then(async () => {
        const backend = db
        const lock = mutex
        if (closed || !backend || !lock) return
        if (!holding) {
          await lock.acquire()
          holding = true
        }
        if (closed) return release()
        try {
          await backend.runExclusive(() =>
            backend.execProtocolRawStream(new Uint8Array(message), {
              onRawData: (data) => {
                if (!closed && socket.writable) socket.write(data)
              },
            }),
          )
        } catch (err) {
          console.error('embedded postgres: protocol error, closing the connection', err)
          socket.destroy()
          return
        }
        if (endsGroup && !backend.isInTransaction()) {
          holding = false
          lock.release()
        }
      })
    }

    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
      while (!closed) {
        if (!started) {
          if (buffer.length < 8) return
          const length = buffer.readInt32BE(0)
          const code = buffer.readInt32BE(4)
          if (code === sslRequestCode || code === gssEncRequestCode) {
            // "N": no SSL/GSS on a loopback database; the client continues in plain text.
            socket.write('N')
            buffer = buffer.subarray(8)
            continue
          }
          if (code === cancelRequestCode) {
            socket.destroy()
            return
          }
          if (length < 8 || length > 10_000 || buffer.length < length) return
          const startup = buffer.subarray(0, length)
          buffer = buffer.subarray(length)
          started = true
          attach(Buffer.from(startup))
          run(Buffer.from(startup), true)
          continue
        }
        if (buffer.length < 5) return
        const type = String.fromCharCode(buffer[0] ?? 0)
        const total = 1 + buffer.readInt32BE(1)
        if (buffer.length < total) return
        const message = Buffer.from(buffer.subarray(0, total))
        buffer = buffer.subarray(total)
        if (type === 'X') {
          socket.end()
          return
        }
        run(message, type === 'S' || type === 'Q')
      }
    })

    const onGone = () => {
      if (closed) return
      closed = true
      sockets.delete(socket)
      chain = chain.then(release)
    }
    socket.on('close', onGone)
    socket.on('error', onGone)
  }

  const server: Server = createServer(serve)
  server.on('error', (err) => console.error('embedded postgres: server error', err))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return {
    port,
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A parameter of a StartupMessage (length, protocol version, then NUL-terminated name/value pairs). */
function startupParameter(startup: Buffer, key: string): string | undefined {
  const parts = startup.subarray(8).toString('utf8').split('\0')
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i] === key) return parts[i + 1]
  return undefined
}

/** An ErrorResponse with severity FATAL, the way a PostgreSQL server refuses a connection. */
function fatalError(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8')
  const head = Buffer.alloc(5)
  head.write('E', 0)
  head.writeInt32BE(4 + fields.length, 1)
  return Buffer.concat([head, fields])
}
