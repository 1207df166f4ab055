// The assistant with a language model behind it, over a real database: the model is a local HTTP
// server speaking the chat-completions protocol (POST {base}/chat/completions, Bearer key, model,
// messages, tools as JSON-schema functions, tool_choice; an answer's message with content or
// tool_calls, each answered by a "tool" message with its tool_call_id). It checks every request it
// gets, and each test scripts what the "model" says. The demo's Anna asks; Ben is someone else.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { DEMO_CAMPER, DEMO_SHOPPER, seedDemo } from "../../db/seed-demo";
import { ledgerEntries, members, orders } from "../../db/schema";
import { describeEachDatabase } from "../../db/test-databases";
import { getProgramConfig } from "../../db/queries/program";
import { getMemberStanding } from "../../db/queries/tiers";
import { formatMoney } from "../../i18n/money";
import { answerShopper } from ".";
import { MAX_TOOL_ROUNDS, type AssistantModelConfig } from "./model";

const KEY = "sk-test-assistant-key";
const MODEL = "treue-test-model";
const READ_ONLY = ["get_balance", "get_coupons", "get_expiring_points", "get_open_tasks", "get_order", "get_referral_status", "get_tier_progress", "hand_over_to_person"];

type Message = { role: string; content?: string | null; tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[]; tool_call_id?: string };
type ChatRequest = { model: string; messages: Message[]; tools: { type: string; function: { name: string; description: string; parameters: { type: string; properties?: object; additionalProperties?: boolean } } }[]; tool_choice: string };
type ModelMessage = { content?: string | null; tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[] };

/** What the "model" says to the n-th request of a test (0-based); "hang" never answers, a number is an HTTP error. */
let brain: (request: ChatRequest, n: number) => ModelMessage | "hang" | number = () => 500;
const requests: ChatRequest[] = [];
/** Anything in a request that the protocol or the privacy rules forbid. */
const violations: string[] = [];
/** Text the server must never send the model: another member's e-mail, name and id (and the shopper's own). */
let forbidden: string[] = [];
const hanging: ServerResponse[] = [];

function check(req: IncomingMessage, raw: string): ChatRequest | null {
  const bad = (what: string) => (violations.push(what), null);
  if (req.method !== "POST" || req.url !== "/v1/chat/completions") return bad(`${req.method} ${req.url}`);
  if (req.headers.authorization !== `Bearer ${KEY}`) return bad(`authorization ${req.headers.authorization}`);
  if (!req.headers["content-type"]?.startsWith("application/json")) return bad("content-type");
  const body = JSON.parse(raw) as ChatRequest;
  if (body.model !== MODEL) bad(`model ${body.model}`);
  const names = body.tools.map((t) => t.function.name).sort();
  if (JSON.stringify(names) !== JSON.stringify(READ_ONLY)) bad(`tools ${names.join(",")}`);
  for (const t of body.tools) {
    if (t.type !== "function" || t.function.parameters.type !== "object" || t.function.parameters.additionalProperties !== false || !t.function.description) bad(`tool ${t.function.name}`);
    if (/member|email|customer|_id/i.test(JSON.stringify(t.function.parameters))) bad(`tool ${t.function.name} takes a person`);
  }
  if (!["auto", "none"].includes(body.tool_choice)) bad(`tool_choice ${body.tool_choice}`);
  if (body.messages[0]?.role !== "system" || body.messages[1]?.role !== "user") bad("system prompt, then the shopper's message");
  // What the server sends (system prompt, the shopper's message, every function's result) never
  // carries another member's data; the model's own tool calls are its words, sent back as they were.
  const ours = JSON.stringify(body.messages.filter((m) => m.role !== "assistant"));
  for (const text of forbidden) if (ours.includes(text)) bad(`another member's data: ${text}`);
  // Every call the model made is answered, in order, by a tool message with its id.
  body.messages.forEach((m, i) => {
    for (const [k, call] of (m.tool_calls ?? []).entries()) if (body.messages[i + 1 + k]?.tool_call_id !== call.id) bad(`no result for ${call.id}`);
  });
  return body;
}

const server = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
  req.on("end", () => {
    const body = check(req, raw);
    if (!body) return res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "bad request" } }));
    requests.push(body);
    let said: ReturnType<typeof brain>;
    try {
      said = brain(body, requests.length - 1);
    } catch (error) {
      violations.push(`the script failed: ${String(error)}`);
      said = 500;
    }
    if (said === "hang") return void hanging.push(res);
    if (typeof said === "number") return res.writeHead(said, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "upstream failed", type: "server_error" } }));
    const finish = said.tool_calls?.length ? "tool_calls" : "stop";
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({ id: "chatcmpl-1", object: "chat.completion", created: 1, model: MODEL, choices: [{ index: 0, message: { role: "assistant", content: null, ...said }, finish_reason: finish }] }),
    );
  });
});
let config: AssistantModelConfig;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  config = { apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: KEY, model: MODEL };
});
afterAll(() => {
  for (const res of hanging) res.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const call = (id: string, name: string, args: object | string) => ({ id, type: "function" as const, function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args) } });
/** Whether the request already carries results of the model's calls (the "model" answers then). */
const answered = (request: ChatRequest) => request.messages.some((m) => m.role === "tool");
/** The results the server gave for the model's calls in this request, by call id. */
const toolResults = (request: ChatRequest) => Object.fromEntries(request.messages.filter((m) => m.role === "tool").map((m) => [m.tool_call_id, JSON.parse(m.content!) as { result?: string; error?: string }]));
const logOf = (log: string) => JSON.parse(log) as { source: string; model?: string; calls?: { name: string; arguments: unknown; refused: string | null }[]; text?: string; modelFailure?: { failure: string } };

describeEachDatabase("the assistant with a language model", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  let anna: { id: string; pointsBalance: number };
  let ben: { id: string };
  let bensOrder: { id: string; subtotalCents: number; pointsEarned: number };

  beforeAll(async () => {
    await seedDemo(db(), now);
    [anna] = (await db().select({ id: members.id, pointsBalance: members.pointsBalance }).from(members).where(eq(members.email, DEMO_SHOPPER.email))) as [typeof anna];
    [ben] = (await db().select({ id: members.id }).from(members).where(eq(members.email, DEMO_CAMPER.email))) as [typeof ben];
    [bensOrder] = (await db().select({ id: orders.shopOrderId, subtotalCents: orders.subtotalCents, pointsEarned: orders.pointsEarned }).from(orders).where(eq(orders.memberId, ben.id)).limit(1)) as [typeof bensOrder];
    // Nor does the shopper's own e-mail address, name or member id go to the model: nothing needs them.
    forbidden = [DEMO_CAMPER.email, DEMO_CAMPER.name, ben.id, DEMO_SHOPPER.email, DEMO_SHOPPER.name, anna.id];
  });
  beforeEach(() => {
    requests.length = 0;
    violations.length = 0;
  });

  const ask = (text: string, locale: "de" | "en" = "de", options: Parameters<typeof answerShopper>[3] = { model: config }) =>
    answerShopper(db(), { memberId: anna.id, conversationId: "c", text, locale }, now, options);

  it("answers how much is missing to Gold through get_tier_progress, with the rules' figure, in the shopper's language", async () => {
    const config_ = await getProgramConfig(db());
    const gold = config_.tiers.find((t) => t.name.de === "Gold")!;
    const { standing } = await getMemberStanding(db(), anna.id, now);
    const missing = gold.thresholdCents - standing.spendCents; // by hand: Gold's threshold less the spend that counts
    expect(missing).toBeGreaterThan(0);
    // The "model" asks for the tier, then answers with what the function said.
    brain = (request) => (answered(request) ? { content: `${toolResults(request).call_1!.result}` } : { tool_calls: [call("call_1", "get_tier_progress", { tier_name: "Gold" })] });

    const reply = await ask("Wie viele Punkte brauche ich für Gold?");
    expect(violations).toEqual([]);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.tool_choice).toBe("auto");
    expect(requests[0]!.messages[0]!.content).toContain("Assistent des Treueprogramms");
    expect(requests[0]!.messages[0]!.content).toMatch(/Versprich nichts/);
    expect(requests[0]!.messages[1]).toEqual({ role: "user", content: "Wie viele Punkte brauche ich für Gold?" });
    expect(reply.text).toContain(formatMoney("de", missing, config_.currency));
    expect(reply.locale).toBe("de");
    expect(reply.actions).toEqual([{ kind: "link", href: "/tiers" }, { kind: "handover" }]);
    expect(reply.handOver).toBe(false);
    expect(logOf(reply.log)).toEqual({ source: "model", model: MODEL, language: "de", rounds: 1, calls: [{ name: "get_tier_progress", arguments: { tier_name: "Gold" }, refused: null }], text: reply.text });

    const en = await ask("How much do I need for gold?", "en");
    expect(requests).toHaveLength(4);
    expect(requests[2]!.messages[0]!.content).toContain("loyalty program");
    expect(en.text).toContain(formatMoney("en", missing, config_.currency));
    expect(logOf(en.log)).toMatchObject({ source: "model", language: "en" });
    expect(violations).toEqual([]);
  });

  it("refuses another member's order, an unknown or writing function and arguments naming someone; the model reads why, staff read it, nothing changes", async () => {
    const ledgerBefore = await db().select({ n: count() }).from(ledgerEntries);
    brain = (request) =>
      !answered(request)
        ? {
            tool_calls: [
              call("c1", "get_order", { order_number: bensOrder.id }),
              call("c2", "adjust_points", { points: 500, reason: "goodwill" }),
              call("c3", "get_balance", { member_id: ben.id }),
              call("c4", "get_coupons", { code: DEMO_CAMPER.email }),
              call("c5", "lookup_member", { name: "Ben" }),
              call("c6", "get_tier_progress", { tier_name: 42 }),
              call("c7", "get_balance", "{not json"),
              call("c8", "get_expiring_points", {}),
            ],
          }
        : { content: "Das kann ich leider nicht nachsehen. Soll ich jemanden aus dem Team dazuholen?" };

    const reply = await ask(`Wie viele Punkte hat Bestellung ${bensOrder.id} gebracht?`);
    expect(violations).toEqual([]);
    expect(requests).toHaveLength(2);
    // The second request carries each refusal to the model, and no data of Ben's (checked by the server).
    const results = toolResults(requests[1]!);
    expect(results.c1).toEqual({ error: `No order ${bensOrder.id} was found among this shopper's orders.` });
    expect(results.c2!.error).toMatch(/cannot change anything/);
    expect(results.c3!.error).toMatch(/only read the shopper in this conversation/);
    expect(results.c4!.error).toMatch(/only read the shopper in this conversation/);
    expect(results.c5!.error).toMatch(/no such function/);
    expect(results.c6!.error).toMatch(/do not match the function's parameters/);
    expect(results.c7!.error).toMatch(/not valid JSON/);
    expect(results.c8!.result).toBeTruthy();
    expect(JSON.stringify(results.c1)).not.toContain(formatMoney("de", bensOrder.subtotalCents, "EUR"));

    const log = logOf(reply.log);
    expect(log.source).toBe("model");
    expect(log.calls!.map((c) => [c.name, c.refused])).toEqual([
      ["get_order", "not-found"],
      ["adjust_points", "writes"],
      ["get_balance", "other-member"],
      ["get_coupons", "other-member"],
      ["lookup_member", "unknown-function"],
      ["get_tier_progress", "invalid-arguments"],
      ["get_balance", "invalid-arguments"],
      ["get_expiring_points", null],
    ]);
    expect(log.calls![1]!.arguments).toEqual({ points: 500, reason: "goodwill" });
    expect(reply.text).toBe("Das kann ich leider nicht nachsehen. Soll ich jemanden aus dem Team dazuholen?");
    // Nothing written: Anna's balance and the ledger as they were.
    const [after] = await db().select({ pointsBalance: members.pointsBalance }).from(members).where(eq(members.id, anna.id));
    expect(after!.pointsBalance).toBe(anna.pointsBalance);
    expect(await db().select({ n: count() }).from(ledgerEntries)).toEqual(ledgerBefore);
  });

  it("reads the shopper's own order and hands over when the model asks for a person", async () => {
    const [own] = await db().select({ id: orders.shopOrderId, pointsEarned: orders.pointsEarned }).from(orders).where(eq(orders.memberId, anna.id)).limit(1);
    brain = (request) =>
      !answered(request)
        ? { tool_calls: [call("o", "get_order", { order_number: `#${own!.id}` }), call("h", "hand_over_to_person", { reason: "Fragt nach einer Gutschrift" })] }
        : { content: `${toolResults(request).o!.result} Ich hole jemanden aus dem Team dazu.` };
    const reply = await ask(`Punkte fehlen für ${own!.id}, bitte mit Mensch sprechen`);
    expect(violations).toEqual([]);
    expect(reply.text).toContain(own!.id);
    expect(reply.handOver).toBe(true);
    expect(logOf(reply.log).calls!.map((c) => c.refused)).toEqual([null, null]);
    expect(reply.actions.at(-1)).toEqual({ kind: "handover" });
  });

  it("stops the functions after four rounds and takes the final answer", async () => {
    brain = (request, n) => (request.tool_choice === "none" ? { content: `Du hast ${anna.pointsBalance} Punkte.` } : { tool_calls: [call(`b${n}`, "get_balance", {})] });
    const reply = await ask("Punkte?");
    expect(requests).toHaveLength(MAX_TOOL_ROUNDS + 1);
    expect(requests.map((r) => r.tool_choice)).toEqual(["auto", "auto", "auto", "auto", "none"]);
    expect(logOf(reply.log)).toMatchObject({ source: "model", rounds: MAX_TOOL_ROUNDS });
    expect(violations).toEqual([]);
  });

  it("falls back to the rules' answer on a server error, an empty answer, endless function calls or no answer in time", async () => {
    const rules = await ask("Wie viele Punkte habe ich?", "de", { model: null });
    expect(requests).toHaveLength(0);
    expect(rules.text).toContain(new Intl.NumberFormat("de-DE").format(anna.pointsBalance));

    brain = () => 500;
    const failed = await ask("Wie viele Punkte habe ich?");
    expect(requests).toHaveLength(1);
    expect(failed.text).toBe(rules.text);
    expect(logOf(failed.log)).toMatchObject({ source: "rules", modelFailure: { model: MODEL, failure: "HTTP 500" } });

    brain = () => ({ content: "   " });
    expect(logOf((await ask("Wie viele Punkte habe ich?")).log)).toMatchObject({ source: "rules", modelFailure: { failure: "empty answer" } });

    brain = (_, n) => ({ tool_calls: [call(`x${n}`, "get_balance", {})] });
    const endless = await ask("Wie viele Punkte habe ich?");
    expect(endless.text).toBe(rules.text);
    expect(logOf(endless.log).modelFailure).toMatchObject({ failure: "still calling functions after 4 rounds" });

    brain = () => "hang";
    const started = Date.now();
    const late = await ask("Wie viele Punkte habe ich?", "de", { model: config, deadlineMs: 400 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(late.text).toBe(rules.text);
    expect(logOf(late.log)).toMatchObject({ source: "rules", modelFailure: { failure: "no answer in time" } });
    expect(violations).toEqual([]);
  });

  it("asks no model when none is configured", async () => {
    brain = () => ({ content: "should never be asked" });
    const reply = await ask("Wie viele Punkte habe ich?", "de", {}); // the process's configuration: no TREUE_ASSISTANT_*
    expect(requests).toHaveLength(0);
    expect(logOf(reply.log).source).toBe("rules");
  });
});
