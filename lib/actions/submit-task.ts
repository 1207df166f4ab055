"use server";

import { z } from "zod";
import { getDb } from "../db";
import { submitTask } from "../db/queries/tasks";
import { authedAction } from "./authed";

export type SubmitTaskState =
  | { status: "idle" }
  | { status: "in_review" | "completed"; points: number }
  | { status: "refused"; reason: string }
  | { status: "invalid"; field: string; problem: string }
  | { status: "failed" };

const ids = z.object({ taskId: z.string().min(1).max(64), clientId: z.uuid() });

/** Form fields to the task's input: repeated fields (multiple choice) become arrays. */
function formInput(formData: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$") || key === "clientId") continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) input[key.slice(0, -2)] = values;
    else input[key] = values[0];
  }
  return input;
}

/** Submits a task form as the signed-in member; the form's client id makes a resend count once. */
export const submitTaskForm = authedAction(async (member, taskId: string, _previous: SubmitTaskState, formData: FormData): Promise<SubmitTaskState> => {
  const parsed = ids.safeParse({ taskId, clientId: formData.get("clientId") });
  if (!parsed.success) return { status: "failed" };
  const outcome = await submitTask(await getDb(), member.id, parsed.data.taskId, parsed.data.clientId, formInput(formData));
  switch (outcome.status) {
    case "in_review":
    case "completed":
      // No revalidation here: it would re-render this task's page as "done" and swallow the
      // thank-you; every screen reads fresh data when the shopper navigates on.
      return { status: outcome.status, points: outcome.submission.points };
    case "refused":
      return { status: "refused", reason: outcome.reason };
    case "invalid":
      return { status: "invalid", field: outcome.field, problem: outcome.problem };
  }
});
