import WebSocket from 'ws'

/**
 * `ws` for @hocuspocus/provider in Node. The provider removes its listeners before closing a socket it gave up on
 * (a connect timeout, a reconnect); `ws` then reports "closed before the connection was established" as an
 * 'error' event, and an 'error' event with no listener crashes the process. This socket always has one listener:
 * the provider still learns of the close through its own handlers.
 */
export class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args)
    this.on('error', () => {})
  }
}
