import "server-only";
// The optional language model behind the assistant (TREUE_ASSISTANT_API_URL, _API_KEY, _MODEL; off
// unless all three are set): one shopper message answered through an OpenAI-compatible
// chat-completions API. The model gets a system prompt in the shopper's language, the message, and
// the read-only functions of model-tools.ts, each bound on the server to this one shopper; it may
// call them for up to MAX_TOOL_ROUNDS rounds, then must answer. Any failure (no answer within the
// deadline, an HTTP error, a malformed or empty answer) returns a failure and the caller answers
// by the rules instead. Staff read every call, refused or not, and the final text in the log.
//
// The protocol as the OpenAI API reference documents "Create chat completion" (and compatible
// servers follow): POST {base}/chat/completions with `Authorization: Bearer <key>` and a JSON body
// {model, messages, tools: [{type: "function", function: {name, description, parameters}}],
// tool_choice: "auto" | "none"}; the answer's choices[0].message has `content` and/or
// `tool_calls: [{id, type: "function", function: {name, arguments (a JSON string)}}]`; each call
// is answered by a message {role: "tool", tool_call_id, content} after the assistant message that
// made it, and the whole conversation is sent again.
import { z } from "zod";
import type { AssistantAction, Reply } from "../../loyalty/assistant/reply";
import { runTool, tooManyCalls, TOOL_DEFINITIONS, type LoggedCall, type ToolContext } from "./model-tools";
import { systemPrompt } from "./model-prompt";
import type { AssistantReply } from "./types";

export type AssistantModelConfig = { apiUrl: string; apiKey: string; model: string };

/** The whole exchange with the model, every round included, must end within this. */
export const MODEL_DEADLINE_MS = 10_000;
/** Rounds in which the model may call functions; the request after them allows none. */
export const MAX_TOOL_ROUNDS = 4;
/** Calls carried out per round; more are refused (a model gone astray, not a question). */
const CALLS_PER_ROUND = 8;
/** An answer longer than a chat message is cut here. */
const MAX_ANSWER_CHARS = 4_000;
const MAX_RESPONSE_BYTES = 1_000_000;
/** Of the shopper's message, this much goes to the model (a longer text is for a person anyway). */
const MESSAGE_AT_MOST = 4_000;

export type ModelOptions = { deadlineMs?: number; fetch?: typeof fetch };

export type ModelOutcome = { ok: true; reply: AssistantReply } | { ok: false; failure: string; calls: LoggedCall[] };

const toolCall = z.object({
  id: z.string().min(1).max(200),
  type: z.string().optional(),
  function: z.object({ name: z.string().max(200), arguments: z.string().max(20_000).nullish() }),
});
const completion = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullish(), tool_calls: z.array(toolCall).nullish() }) }))
    .min(1),
});
type ToolCall = z.infer<typeof toolCall>;

type ChatMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls: { id: string; type: "function"; function: { name: string; arguments: string } }[] }
  | { role: "tool"; tool_call_id: string; content: string };

class ModelFailure extends Error {}

async function complete(config: AssistantModelConfig, body: object, signal: AbortSignal, fetchImpl: typeof fetch) {
  let response: Response;
  try {
    response = await fetchImpl(`${config.apiUrl}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal,
      redirect: "error",
    });
  } catch (error) {
    throw new ModelFailure(signal.aborted ? "no answer in time" : `not reachable (${error instanceof Error ? error.message : String(error)})`);
  }
  const raw = await response.text().catch(() => {
    throw new ModelFailure(signal.aborted ? "no answer in time" : "answer cut off");
  });
  if (!response.ok) throw new ModelFailure(`HTTP ${response.status}`);
  if (raw.length > MAX_RESPONSE_BYTES) throw new ModelFailure("answer too large");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ModelFailure("answer is not JSON");
  }
  const parsed = completion.safeParse(json);
  if (!parsed.success) throw new ModelFailure("answer is not a chat completion");
  return parsed.data.choices[0]!.message;
}

/** The buttons under the model's answer: those of the replies its functions gave, then a person. */
function actionsOf(replies: readonly Reply[]): AssistantAction[] {
  const seen = new Set<string>();
  const actions: AssistantAction[] = [];
  for (const action of [...replies.flatMap((r) => r.actions), { kind: "handover" } as const]) {
    const key = JSON.stringify(action);
    if (seen.has(key)) continue;
    seen.add(key);
    actions.push(action);
  }
  return actions;
}

/** Asks the model about one shopper message; `ctx` binds every function to this shopper. */
export async function answerByModel(ctx: ToolContext & { message: string; shopName: string }, config: AssistantModelConfig, options: ModelOptions = {}): Promise<ModelOutcome> {
  const signal = AbortSignal.timeout(options.deadlineMs ?? MODEL_DEADLINE_MS);
  const fetchImpl = options.fetch ?? fetch;
  const messages: ChatMessage[] = [
    { role: "system", content: systemPrompt(ctx.locale, ctx.shopName) },
    { role: "user", content: ctx.message.slice(0, MESSAGE_AT_MOST) },
  ];
  const calls: LoggedCall[] = [];
  const replies: Reply[] = [];
  let handOver = false;
  try {
    for (let round = 0; ; round++) {
      const last = round === MAX_TOOL_ROUNDS;
      const message = await complete(config, { model: config.model, messages, tools: TOOL_DEFINITIONS, tool_choice: last ? "none" : "auto" }, signal, fetchImpl);
      const asked: ToolCall[] = message.tool_calls ?? [];
      if (asked.length === 0) {
        const text = (message.content ?? "").trim();
        if (text === "") throw new ModelFailure("empty answer");
        const answer = text.length > MAX_ANSWER_CHARS ? `${text.slice(0, MAX_ANSWER_CHARS - 1)}…` : text;
        const log = JSON.stringify({ source: "model", model: config.model, language: ctx.locale, rounds: round, calls, text: answer });
        return { ok: true, reply: { text: answer, locale: ctx.locale, actions: actionsOf(replies), handOver, unsure: false, log } };
      }
      if (last) throw new ModelFailure(`still calling functions after ${MAX_TOOL_ROUNDS} rounds`);
      messages.push({
        role: "assistant",
        content: message.content ?? null,
        tool_calls: asked.map((c) => ({ id: c.id, type: "function", function: { name: c.function.name, arguments: c.function.arguments ?? "" } })),
      });
      for (const [i, call] of asked.entries()) {
        const outcome = i < CALLS_PER_ROUND ? await runTool(ctx, call.function) : tooManyCalls(call.function);
        calls.push(outcome.logged);
        if (outcome.reply) replies.push(outcome.reply);
        handOver ||= outcome.handOver;
        messages.push({ role: "tool", tool_call_id: call.id, content: outcome.content });
      }
      if (signal.aborted) throw new ModelFailure("no answer in time");
    }
  } catch (error) {
    if (error instanceof ModelFailure) return { ok: false, failure: error.message, calls };
    throw error;
  }
}
