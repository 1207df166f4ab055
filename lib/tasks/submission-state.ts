import type { SubmitOutcome } from "../server/tasks";

/** What a task form shows after sending: the page words each state for people. */
export type SubmitTaskState =
  | { status: "idle" }
  | { status: "in_review" | "completed"; points: number }
  | { status: "refused"; reason: string }
  | { status: "invalid"; field: string; problem: string }
  /** Offline: kept on the device and sent when the connection is back. */
  | { status: "queued" }
  | { status: "failed" };

export function submissionState(outcome: SubmitOutcome): SubmitTaskState {
  switch (outcome.status) {
    case "in_review":
    case "completed":
      return { status: outcome.status, points: outcome.submission.points };
    case "refused":
      return { status: "refused", reason: outcome.reason };
    case "invalid":
      return { status: "invalid", field: outcome.field, problem: outcome.problem };
  }
}
