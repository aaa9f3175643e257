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
  db: PGlite
  host: string
  port: number
}): Promise<PgliteWireServer> {
  const { db } = options
  const mutex = new Mutex()
  const sockets = new Set<Socket>()

  function serve(socket: Socket): void {
    sockets.add(socket)
    socket.setNoDelay(true)
    let buffer: Buffer = Buffer.alloc(0)
    let started = false
    let holding = false
    let closed = false
    let chain: Promise<void> = Promise.resolve()

    const release = async () => {
      if (!holding) return
      if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => {})
      holding = false
      mutex.release()
    }

    const run = (message: Buffer, endsGroup: boolean) => {
      chain = chain.then(async () => {
        if (closed) return
        if (!holding) {
          await mutex.acquire()
          holding = true
        }
        if (closed) return release()
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(new Uint8Array(message), {
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
        if (endsGroup && !db.isInTransaction()) {
          holding = false
          mutex.release()
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
