// The embedded database in a worker thread, so its SQL runs beside the server's JavaScript
// instead of taking turns with it on one thread. The app talks to it with the PostgreSQL client
// it uses for a real server (lib/db/pglite-bridge.ts): each connection's protocol bytes travel
// over a MessagePort and PGlite answers them as a server would.
//
// PGlite has one session, and the app's connections share it. So that they cannot tell:
// - a connection's messages run as whole exchanges (up to a Sync or a simple Query), never
//   interleaved with another connection's;
// - while a connection has a transaction open, only its exchanges run;
// - its named prepared statements are renamed apart (every client prepares the same names);
// - a connection that goes away has its transaction rolled back and its statements dropped.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

let db;
try {
  db = await PGlite.create(workerData.dataDir ?? undefined);
} catch (error) {
  parentPort.postMessage({ type: "failed", message: describe(error) });
  process.exit(1);
}
parentPort.postMessage({ type: "ready" });

function describe(error) {
  if (error instanceof Error) return error.message;
  return typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Work waiting for the database, oldest first: { connection, run }. */
const waiting = [];
/** The connection whose transaction is open, if one is. */
let owner = null;
let busy = false;
let failed = null;
let closing = null;
/** PGlite's answer to the first startup message; later connections get the same. */
let startupAnswer = null;

function enqueue(connection, run) {
  waiting.push({ connection, run });
  pump();
}

function pump() {
  if (busy) return;
  const index = owner === null ? 0 : waiting.findIndex((item) => item.connection === owner);
  if (index < 0 || index >= waiting.length) {
    if (waiting.length === 0 && owner === null && closing) closing();
    return;
  }
  const [item] = waiting.splice(index, 1);
  if (failed) {
    item.connection.port.postMessage({ type: "failed", message: failed });
    pump();
    return;
  }
  busy = true;
  Promise.resolve()
    .then(() => item.run())
    .then(() => {
      owner = db.isInTransaction() ? item.connection : null;
    })
    .catch((error) => {
      // PGlite itself failed (an SQL error is answered within the protocol): nothing more can be asked of it.
      failed ??= describe(error);
      item.connection.port.postMessage({ type: "failed", message: failed });
      parentPort.postMessage({ type: "failed", message: failed });
    })
    .finally(() => {
      busy = false;
      pump();
    });
}

/** The frontend message types that end an exchange: the server answers with ReadyForQuery. */
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

function readCString(bytes, offset) {
  const end = bytes.indexOf(0, offset);
  return { text: decoder.decode(bytes.subarray(offset, end)), next: end + 1 };
}

function message(type, body) {
  const out = new Uint8Array(5 + body.length);
  out[0] = type;
  new DataView(out.buffer).setInt32(1, 4 + body.length);
  out.set(body, 5);
  return out;
}

function join(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const cstring = (text) => join([encoder.encode(text), new Uint8Array([0])]);

class Connection {
  static count = 0;

  constructor(port) {
    this.id = ++Connection.count;
    this.port = port;
    this.pending = new Uint8Array(0);
    this.started = false;
    this.exchange = [];
    /** Its prepared statements' names in the shared session. */
    this.statements = new Set();
    port.on("message", (chunk) => this.receive(chunk));
    port.on("close", () => this.gone());
  }

  /** The statement's name in the shared session; remembered to be dropped when the connection goes. */
  rename(name) {
    const own = `${name}~${this.id}`;
    this.statements.add(own);
    return own;
  }

  /** The message with its prepared statement's name made this connection's own. */
  own(type, body) {
    if (type === 0x50 /* Parse */) {
      const name = readCString(body, 0);
      if (name.text === "") return null;
      return message(type, join([cstring(this.rename(name.text)), body.subarray(name.next)]));
    }
    if (type === 0x42 /* Bind */) {
      const portal = readCString(body, 0);
      const statement = readCString(body, portal.next);
      if (statement.text === "") return null;
      return message(type, join([body.subarray(0, portal.next), cstring(this.rename(statement.text)), body.subarray(statement.next)]));
    }
    if ((type === 0x44 /* Describe */ || type === 0x43) /* Close */ && body[0] === 0x53 /* a statement */) {
      const name = readCString(body, 1);
      if (name.text === "") return null;
      return message(type, join([body.subarray(0, 1), cstring(this.rename(name.text)), body.subarray(name.next)]));
    }
    return null;
  }

  receive(chunk) {
    let bytes = chunk;
    if (this.pending.length > 0) bytes = join([this.pending, chunk]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    for (;;) {
      if (!this.started) {
        if (bytes.length - offset < 4) break;
        const length = view.getInt32(offset);
        if (bytes.length - offset < length) break;
        this.startup(bytes.slice(offset, offset + length));
        offset += length;
        this.started = true;
        continue;
      }
      if (bytes.length - offset < 5) break;
      const type = bytes[offset];
      const length = 1 + view.getInt32(offset + 1);
      if (bytes.length - offset < length) break;
      const whole = bytes.subarray(offset, offset + length);
      offset += length;
      if (type === TERMINATE) continue; // the port's close ends the connection
      this.exchange.push(this.own(type, whole.subarray(5)) ?? whole); // join copies it
      if (type === SYNC || type === QUERY) {
        const messages = join(this.exchange);
        this.exchange = [];
        enqueue(this, async () => this.send(await db.execProtocolRaw(messages)));
      }
    }
    this.pending = bytes.slice(offset);
  }

  startup(bytes) {
    enqueue(this, async () => {
      startupAnswer ??= (await db.execProtocolRaw(bytes)).slice();
      this.send(startupAnswer);
    });
  }

  send(bytes) {
    this.port.postMessage(bytes);
  }

  gone() {
    enqueue(this, async () => {
      if (owner === this && db.isInTransaction()) await db.exec("rollback");
      for (const own of this.statements) await db.exec(`deallocate "${own.replaceAll('"', '""')}"`).catch(() => {});
    });
  }
}

parentPort.on("message", (request) => {
  if (request.type === "connect") new Connection(request.port);
  if (request.type === "close") {
    closing = () => {
      closing = null;
      db.close().then(() => parentPort.postMessage({ type: "closed" }));
    };
    pump();
  }
});
