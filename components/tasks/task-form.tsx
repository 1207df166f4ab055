"use client";

import { startTransition, useActionState, useEffect, useOptimistic, useState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { OUTBOX_SENT, queueOffline, type OutboxSent } from "@/lib/pwa/outbox-client";
import { formInput } from "@/lib/tasks/form-input";
import type { SubmitTaskState } from "@/lib/tasks/submission-state";
import { SubmitRow } from "./submit-row";
import { TaskThanks } from "./task-thanks";

/**
 * The frame of every task form: the fields come rendered from the server as children; this adds
 * the submission id (one per attempt, so a resend is the same submission), the button and the
 * outcome. Without a connection the submission waits on the device and goes out by itself once
 * online ("wird gesendet"). The thank-you shows as soon as the shopper sends (`expected`: what
 * the server answers a valid answer with) and gives way to the form and its problem again if the
 * server refuses the answer or cannot be reached.
 */
export function TaskForm(props: { taskId: string; title: string; submitLabel: string; expected: { status: "in_review" | "completed"; points: number }; children: React.ReactNode }) {
  const { taskId, title, submitLabel, expected, children } = props;
  const t = useTranslations("tasks");
  const [clientId] = useState(() => crypto.randomUUID());
  const [delivered, setDelivered] = useState<SubmitTaskState | null>(null);
  // The thank-you ahead of the answer lives while the action runs; React drops it when it ends.
  const [ahead, showAhead] = useOptimistic<typeof expected | null>(null);
  const [submitted, action, pending] = useActionState<SubmitTaskState, FormData>(async (_previous, formData) => {
    if (navigator.onLine) showAhead(expected);
    const submission = { taskId, clientId, input: formInput(formData), title };
    const queue = async (): Promise<SubmitTaskState> => {
      await queueOffline(submission);
      return { status: "queued" };
    };
    if (!navigator.onLine) return queue();
    try {
      const response = await fetch("/api/tasks/submissions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ taskId, clientId, input: submission.input }),
      });
      if (response.status === 401) {
        location.assign(`/login?callbackUrl=${encodeURIComponent(location.pathname)}`);
        return { status: "idle" };
      }
      if (response.status >= 500) return { status: "failed" };
      const answer = (await response.json()) as SubmitTaskState | { outcome?: SubmitTaskState };
      // A refusal comes as problem+json with the form's state inside.
      return response.ok ? (answer as SubmitTaskState) : ((answer as { outcome?: SubmitTaskState }).outcome ?? { status: "failed" });
    } catch {
      return queue(); // the connection dropped on the way: keep it and send it later
    }
  }, { status: "idle" });

  useEffect(() => {
    const onSent = (event: Event) => {
      const { detail } = event as CustomEvent<OutboxSent>;
      if (detail.clientId === clientId) setDelivered(detail.state);
    };
    window.addEventListener(OUTBOX_SENT, onSent);
    return () => window.removeEventListener(OUTBOX_SENT, onSent);
  }, [clientId]);

  const state = submitted.status === "queued" && delivered ? delivered : submitted;
  if (state.status === "in_review" || state.status === "completed") {
    return <TaskThanks status={state.status} points={state.points} />;
  }
  if (state.status === "queued") {
    return (
      <div role="status" className="flex items-start gap-3 rounded-2xl bg-amber-50 p-4 font-medium text-amber-950" data-testid="task-queued">
        <span aria-hidden="true" className="mt-1 size-3 shrink-0 animate-pulse rounded-full bg-amber-500 motion-reduce:animate-none" />
        {t("result.queued")}
      </div>
    );
  }
  // Thanked ahead of the answer: the form stays mounted, hidden, so a refusal brings back what was typed.
  const problem =
    state.status === "invalid"
      ? t(`invalid.${["text-too-short", "text-too-long", "rating"].includes(state.problem) ? state.problem : "answer"}` as "invalid.answer")
      : state.status === "refused"
        ? t(`block.${state.reason}` as "block.done")
        : state.status === "failed"
          ? t("result.failed")
          : "";
  return (
    <>
      {ahead && <TaskThanks status={ahead.status} points={ahead.points} />}
      <form
        // Not `action={action}`: React empties a form after its action, and a refused answer must keep what was typed.
        onSubmit={(event) => {
          event.preventDefault();
          const answer = new FormData(event.currentTarget);
          startTransition(() => action(answer));
        }}
        className="space-y-5"
        aria-describedby="task-problem"
        hidden={ahead !== null}
      >
        <input type="hidden" name="clientId" value={clientId} />
        {children}
        <SubmitRow problem={problem} problemId="task-problem" pending={pending} label={pending ? t("sending") : submitLabel} />
      </form>
    </>
  );
}
