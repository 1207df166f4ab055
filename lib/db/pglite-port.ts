// One connection to the embedded database's worker (lib/db/pglite-worker.mjs), shaped as the
// socket node-postgres expects: protocol bytes over a MessagePort instead of TCP.
import { Duplex } from "node:stream";
import { MessageChannel, type MessagePort } from "node:worker_threads";

export class PortStream extends Duplex {
  private readonly port: MessagePort;
  private outgoing: Buffer[] = [];
  /** The worker has heard that the client is back in the pool, and nothing was written since. */
  released = false;

  /** `connect` hands the worker's end of the channel to the worker. */
  constructor(connect: (port: MessagePort) => void) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.on("message", (message: Uint8Array) => this.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength)));
    // The worker closed it (it refused the connection, or the worker stopped): as a server closing
    // its socket. What it said before arrives first.
    port1.on("close", () => {
      if (this.destroyed) return;
      this.push(null);
      setImmediate(() => this.destroy());
    });
    connect(port2);
  }

  /**
   * The client is back in the pool (or will be once what it sent is answered): the worker may give
   * the session to another connection. An array says so: [bytes not yet sent] or [], one message.
   */
  release(): void {
    if (this.destroyed || this.released) return;
    this.released = true;
    const bytes = this.takeOutgoing();
    this.port.postMessage(bytes ? [bytes] : []);
  }

  connect(): this {
    queueMicrotask(() => this.emit("connect"));
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    this.port.ref();
    return this;
  }
  unref(): this {
    this.port.unref();
    return this;
  }
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    // node-postgres writes a query as several messages in one go: they cross as one.
    if (this.outgoing.length === 0) queueMicrotask(() => this.flush());
    this.outgoing.push(chunk);
    this.released = false;
    done();
  }
  private flush(): void {
    const bytes = this.takeOutgoing();
    if (bytes) this.port.postMessage(bytes);
  }
  /** What was written and not yet sent, as one buffer of its own (a pooled Buffer's view would be copied with its whole pool). */
  private takeOutgoing(): Uint8Array | null {
    const parts = this.outgoing;
    this.outgoing = [];
    if (parts.length === 0) return null;
    const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    return bytes;
  }
  override _final(done: () => void): void {
    this.flush();
    this.port.close();
    done();
  }
  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.port.close();
    done(error);
  }
}
