// The embedded database in a worker thread, so its SQL runs beside the server's JavaScript
// instead of taking turns with it on one thread. The app talks to it with the PostgreSQL client
// it uses for a real server (lib/db/pglite-bridge.ts): each connection's protocol bytes travel
// over a MessagePort and PGlite answers them as a server would.
//
// PGlite has one session, and the pool's connections take turns with it. A turn is a checkout:
// from a connection's first message after it left the pool until it is back (the bridge sends an
// array, [bytes] or [], for "and now it is back in the pool") and done (no transaction, no portal
// read half-way after a Flush). During a turn only that connection's messages run, so what it
// sets (SET, advisory locks, temporary tables, cursors) is its own. Before another connection's
// turn, a session that may have been changed (see STATELESS) is reset (RESET_SESSION), so nothing
// one connection leaves behind reaches another; the same connection's next turn finds its session
// as it left it, as on a server, unless another had a turn between. Its named prepared
// statements stay its own across turns: renamed apart (every client prepares the same names) and
// dropped when it goes. A connection that goes has its transaction rolled back. If PGlite itself
// fails (not an SQL error, which is answered in the protocol), this thread ends and the bridge
// starts a new one. One file, because the container image and the standalone build copy exactly
// this file. docs/embedded-database.md says more.
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

let db;
try {
  // A snapshot (a data directory as PGlite dumps it) replaces initdb, which takes seconds: the
  // integration tests start each in-memory database from one of an already migrated database.
  const snapshot = workerData.snapshot ? { loadDataDir: new Blob([readFileSync(workerData.snapshot)]) } : undefined;
  db = await PGlite.create(workerData.dataDir ?? undefined, snapshot);
} catch (error) {
  parentPort.postMessage({ type: "failed", message: describe(error) });
  process.exit(1);
}

function describe(error) {
  if (error instanceof Error) return error.message;
  return typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
}

// What DISCARD ALL does, except DEALLOCATE ALL: other connections' prepared statements live in
// the same session. SQL-level PREPARE names are therefore shared (the app prepares through the
// protocol only), and so are currval and lastval, which a reset clears but whose change (any
// INSERT with a serial column) does not call for one.
const RESET_SESSION = "close all; reset all; set session authorization default; select pg_advisory_unlock_all(); discard temp; discard sequences; unlisten *";

/** Work waiting for the database, oldest first: { connection, run }. */
let waiting = [];
/** The connection whose turn it is, if any. */
let holder = null;
/** The connection whose state the session carries since it was last reset, if any. */
let lastHolder = null;
/** Something may have changed the session's state since it was last reset. */
let changed = false;
let busy = false;
/** The item being run, while busy. */
let running = null;
let closing = null;
/** PGlite's answer to the first startup message; later connections get the same. */
let startupAnswer = null;

function enqueue(connection, run) {
  waiting.push({ connection, run });
  pump();
}

function pump() {
  if (busy) return;
  const index = holder === null ? 0 : waiting.findIndex((item) => item.connection === holder);
  if (index < 0 || index >= waiting.length) {
    if (waiting.length === 0 && holder === null && closing) closing();
    return;
  }
  const [item] = waiting.splice(index, 1);
  busy = true;
  running = item;
  Promise.resolve()
    .then(() => item.run())
    .then(() => {
      if (item.released) item.connection.released = true;
      return endTurn(item.connection);
    })
    .catch((error) => {
      // PGlite failed, so its state is unknown: this thread ends and the bridge starts afresh
      // from the data directory (as PostgreSQL's postmaster restarts after a backend crashed).
      parentPort.postMessage({ type: "failed", message: describe(error) });
      process.exit(1);
    })
    .finally(() => {
      busy = false;
      running = null;
      pump();
    });
}

/** Ends `connection`'s turn if it is back in the pool and nothing of it is left open. */
async function endTurn(connection) {
  if (holder !== connection || !connection.released || connection.open) return;
  if (db.isInTransaction()) await db.exec("rollback"); // released inside a transaction: never kept
  holder = null;
}

/** Gives `connection` the session for an exchange ending in `type`; true if it must be reset first. */
function takeTurn(connection, type) {
  // Only between different connections, and only if the session was changed: a reset costs about
  // 30 µs of CPU, as much as a small query, and most turns change nothing.
  const reset = holder === null && changed && lastHolder !== connection;
  if (reset) changed = false;
  if (holder !== connection) connection.released = false; // a new checkout's turn
  holder = connection;
  lastHolder = connection;
  connection.open = type === FLUSH;
  return reset;
}

class Connection {
  static count = 0;

  constructor(port) {
    this.id = ++Connection.count;
    this.port = port;
    this.pending = new Uint8Array(0);
    this.started = false;
    this.exchange = [];
    /** Back in the pool: its turn ends once nothing of it is open. */
    this.released = false;
    /** It flushed an extended query and has not synced yet. */
    this.open = false;
    this.gone = false;
    /** Its prepared statements' names in the shared session. */
    this.statements = new Set();
    /** Those whose text calls a function that changes the session (their later Binds carry no text). */
    this.touching = new Set();
    /** The exchange being gathered calls such a function. */
    this.touches = false;
    port.on("message", (message) => {
      if (!Array.isArray(message)) return this.receive(message);
      if (message.length > 0) this.receive(message[0]);
      this.release();
    });
    port.on("close", () => this.leave());
  }

  receive(chunk) {
    if (this.gone) return;
    const bytes = this.pending.length > 0 ? join([this.pending, chunk]) : chunk;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    for (;;) {
      if (!this.started) {
        if (bytes.length - offset < 8) break;
        const length = view.getInt32(offset);
        if (length < 8 || length > 10_000) return this.refuse("invalid startup packet length");
        if (bytes.length - offset < length) break;
        if (view.getInt32(offset + 4) !== PROTOCOL_3) return this.refuse("unsupported frontend protocol (only 3.0 without SSL)");
        this.startup(bytes.slice(offset, offset + length));
        offset += length;
        this.started = true;
        continue;
      }
      if (bytes.length - offset < 5) break;
      const type = bytes[offset];
      const length = view.getInt32(offset + 1);
      if (!ACCEPTED.has(type)) return this.refuse(`message type 0x${type.toString(16)} is not supported by the embedded database`);
      if (length < 4 || length > MAX_MESSAGE) return this.refuse("invalid message length");
      if (bytes.length - offset < 1 + length) break;
      const whole = bytes.subarray(offset, offset + 1 + length);
      offset += 1 + length;
      if (type === TERMINATE) continue; // the port's close ends the connection
      this.exchange.push(this.own(type, whole.subarray(5)) ?? whole); // join copies it
      if (type === SYNC || type === QUERY || type === FLUSH) this.run(type, this.touches);
    }
    this.pending = bytes.slice(offset);
  }

  /** The client is back in the pool once what it sent is answered. */
  release() {
    if (this.gone) return;
    // Most often its query is still waiting or running: the turn ends right after it, in the same
    // task (pool.query sends both in one message).
    const last = waiting.findLast((item) => item.connection === this) ?? (running?.connection === this ? running : null);
    if (last) {
      last.released = true;
      return;
    }
    this.released = true;
    if (holder !== this) return;
    if (this.open || db.isInTransaction()) enqueue(this, () => endTurn(this));
    else {
      holder = null;
      pump();
    }
  }

  /**
   * Sends what the connection gathered; a Flush leaves its extended query open until a Sync.
   * `touches`: its statements' text calls a function that changes the session.
   */
  run(type, touches) {
    const messages = join(this.exchange);
    this.exchange = [];
    this.touches = false;
    enqueue(this, async () => {
      const reset = takeTurn(this, type);
      // The reset rides in front of the exchange: one call into PGlite, not two.
      const answer = await db.execProtocolRaw(reset ? join([resetMessage, messages]) : messages);
      const own = reset ? afterReset(answer) : answer;
      if (touches || changesSession(own)) changed = true;
      this.send(own);
    });
  }

  startup(bytes) {
    // Answered at once when known: a new connection need not wait for another's turn to end.
    if (startupAnswer) return this.send(startupAnswer);
    enqueue(this, async () => {
      startupAnswer ??= (await db.execProtocolRaw(bytes)).slice();
      this.send(startupAnswer);
    });
  }

  send(bytes) {
    if (!this.gone) this.port.postMessage(bytes);
  }

  /** Answers what PostgreSQL would refuse with a protocol error and closes; PGlite never sees it. */
  refuse(reason) {
    this.port.postMessage(protocolError(reason));
    this.port.close();
    this.leave();
  }

  leave() {
    if (this.gone) return;
    this.gone = true;
    // What it queued is not run: its client is gone and would never hear the answers.
    waiting = waiting.filter((item) => item.connection !== this);
    enqueue(this, async () => {
      this.released = true;
      // A read left half-way after a Flush is closed as its Sync would have.
      if (this.open && holder === this) await db.execProtocolRaw(message(SYNC, new Uint8Array(0)));
      this.open = false;
      await endTurn(this);
      for (const own of this.statements) await db.exec(`deallocate "${own.replaceAll('"', '""')}"`).catch(() => {});
    });
  }

  /** The statement's name in the shared session; remembered to be dropped when the connection goes. */
  rename(name) {
    const own = `${name}~${this.id}`;
    this.statements.add(own);
    return own;
  }

  /** The message with its prepared statement's name made this connection's own; notes what touches the session. */
  own(type, body) {
    if (type === QUERY) this.touches ||= TOUCHING.test(readCString(body, 0).text);
    if (type === PARSE) {
      const name = readCString(body, 0);
      const touching = TOUCHING.test(readCString(body, name.next).text);
      this.touches ||= touching;
      if (name.text === "") return null;
      const own = this.rename(name.text);
      if (touching) this.touching.add(own);
      return message(type, join([cstring(own), body.subarray(name.next)]));
    }
    if (type === BIND) {
      const portal = readCString(body, 0);
      const statement = readCString(body, portal.next);
      if (statement.text === "") return null;
      const own = this.rename(statement.text);
      this.touches ||= this.touching.has(own);
      return message(type, join([body.subarray(0, portal.next), cstring(own), body.subarray(statement.next)]));
    }
    if ((type === DESCRIBE || type === CLOSE) && body[0] === 0x53 /* a statement */) {
      const name = readCString(body, 1);
      if (name.text === "") return null;
      return message(type, join([body.subarray(0, 1), cstring(this.rename(name.text)), body.subarray(name.next)]));
    }
    return null;
  }
}

// The protocol, as far as the worker reads it.
const PROTOCOL_3 = 196608;
const MAX_MESSAGE = 0x3fffffff; // PostgreSQL's own limit
const [BIND, CLOSE, DESCRIBE, EXECUTE, FLUSH, PARSE, QUERY, SYNC, TERMINATE] = [..."BCDEHPQSX"].map((c) => c.charCodeAt(0));
// What node-postgres sends. Others (COPY data, function calls) would find PGlite waiting for
// input that never comes, which leaves it hanging: they are refused instead.
const ACCEPTED = new Set([BIND, CLOSE, DESCRIBE, EXECUTE, FLUSH, PARSE, QUERY, SYNC, TERMINATE]);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

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

function cstring(text) {
  return join([encoder.encode(text), new Uint8Array([0])]);
}

const resetMessage = message(QUERY, cstring(RESET_SESSION));

// What can change a session's state: commands, which name themselves in their CommandComplete
// tag (SET, RESET, CREATE TABLE, DECLARE CURSOR, LISTEN, PREPARE, DO, …: all but STATELESS), and
// calls of the functions that do (set_config, the advisory locks, temporary tables made by
// SELECT INTO or CREATE TABLE AS), named in the statement's text. Functions the app defines
// change no session state (lib/db/session-state.test.ts checks the migrations).
const STATELESS = /^(?:SELECT|INSERT|UPDATE|DELETE|MERGE|BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SHOW|FETCH|MOVE|COPY|EXPLAIN)\b/;
const TOUCHING = /set_config|advisory|pg_temp|\btemp(?:orary)?\b/i;

/** The answer reports a command that may have changed the session. */
function changesSession(answer) {
  const view = new DataView(answer.buffer, answer.byteOffset, answer.byteLength);
  for (let offset = 0; offset < answer.length; offset += 1 + view.getInt32(offset + 1)) {
    if (answer[offset] === 0x43 /* CommandComplete */ && !STATELESS.test(readCString(answer, offset + 5).text)) return true;
  }
  return false;
}

/**
 * The client's part of an answer that began with the reset's: all after the first ReadyForQuery,
 * and before it the reset's ParameterStatus messages, which tell the client the session's settings
 * (a server may send them at any time).
 */
function afterReset(answer) {
  const view = new DataView(answer.buffer, answer.byteOffset, answer.byteLength);
  const settings = [];
  for (let offset = 0; offset < answer.length; ) {
    const end = offset + 1 + view.getInt32(offset + 1);
    // The reset failing means the session is in a state nobody knows: PGlite is started afresh.
    if (answer[offset] === 0x45 /* ErrorResponse */) throw new Error("resetting the embedded database's session failed");
    if (answer[offset] === 0x53 /* ParameterStatus */) settings.push(answer.subarray(offset, end));
    if (answer[offset] === 0x5a /* ReadyForQuery */) return join([...settings, answer.subarray(end)]);
    offset = end;
  }
  throw new Error("resetting the embedded database's session gave no answer");
}

/** A FATAL ErrorResponse with SQLSTATE 08P01 (protocol_violation). */
function protocolError(reason) {
  const field = (code, text) => join([new Uint8Array([code.charCodeAt(0)]), cstring(text)]);
  return message(0x45, join([field("S", "FATAL"), field("V", "FATAL"), field("C", "08P01"), field("M", reason), new Uint8Array([0])]));
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
parentPort.postMessage({ type: "ready" });
