"use client";

import { useEffect, useState } from "react";
import { OUTBOX_CHANGED, outboxMayHaveItems } from "@/lib/pwa/outbox-client";
import { SubmissionList } from "./submission-list";

type Pending = { clientId: string; title?: string };

/** Submissions made offline that this device has not sent yet ("wird gesendet"). */
export function PendingSubmissions({ heading, status }: { heading: string; status: string }) {
  const [pending, setPending] = useState<Pending[]>([]);
  useEffect(() => {
    if (!("indexedDB" in window)) return;
    const read = async () => {
      if (!outboxMayHaveItems()) return setPending([]);
      const { pendingSubmissions } = await import("@/lib/pwa/outbox");
      setPending(await pendingSubmissions().catch(() => []));
    };
    const onChange = () => void read();
    onChange();
    window.addEventListener(OUTBOX_CHANGED, onChange);
    return () => window.removeEventListener(OUTBOX_CHANGED, onChange);
  }, []);
  return (
    <SubmissionList
      id="pending-heading"
      heading={heading}
      testId="pending-submission"
      tone="waiting"
      lines={pending.map((p) => ({ key: p.clientId, title: p.title ?? "", status, statusClassName: "text-amber-900" }))}
    />
  );
}
