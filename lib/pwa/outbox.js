// The offline outbox for task submissions, shared by the pages and the service worker (plain
// JavaScript, since the worker is bundled outside Next). A submission made without a connection
// waits in IndexedDB with its client id; whoever runs first once online (Background Sync in the
// worker, or the page where that is missing) sends it. Sending twice is harmless: the server
// treats one client id as one submission.
import { openDB } from "idb";

export const SYNC_TAG = "treue-outbox";
const DB_NAME = "treue-outbox";
const STORE = "submissions";

/** @typedef {{ clientId: string, taskId: string, input: Record<string, unknown>, title?: string, queuedAt: number }} QueuedSubmission */

function database() {
  return openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE, { keyPath: "clientId" });
    },
  });
}

/** @param {QueuedSubmission} submission */
export async function queueSubmission(submission) {
  const db = await database();
  await db.put(STORE, submission);
  db.close();
}

/** @returns {Promise<QueuedSubmission[]>} */
export async function pendingSubmissions() {
  const db = await database();
  const all = await db.getAll(STORE);
  db.close();
  return all.sort((a, b) => a.queuedAt - b.queuedAt);
}

async function forget(clientId) {
  const db = await database();
  await db.delete(STORE, clientId);
  db.close();
}

/**
 * Sends every waiting submission. A definite answer (accepted, refused, invalid) removes it;
 * no connection, a signed-out session or a server error keeps it for the next try.
 * @returns {Promise<{ sent: { clientId: string, state: Record<string, unknown> }[], waiting: number }>}
 */
export async function flushOutbox() {
  const sent = [];
  let waiting = 0;
  for (const item of await pendingSubmissions()) {
    let response;
    try {
      response = await fetch("/api/tasks/submissions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ taskId: item.taskId, clientId: item.clientId, input: item.input }),
      });
    } catch {
      waiting++;
      continue;
    }
    if (response.status === 401 || response.status >= 500) {
      waiting++;
      continue;
    }
    const answer = await response.json().catch(() => ({ status: "failed" }));
    // A refusal comes as problem+json with the form's state as `outcome`.
    const state = response.ok ? answer : (answer.outcome ?? { status: "failed" });
    await forget(item.clientId);
    sent.push({ clientId: item.clientId, state });
  }
  return { sent, waiting };
}

/** Drops everything waiting (sign-out: another person's session must never send it). */
export async function clearOutbox() {
  const db = await database();
  await db.clear(STORE);
  db.close();
}
