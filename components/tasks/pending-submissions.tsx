"use client";

import { useEffect, useState } from "react";
import { OUTBOX_CHANGED, outboxMayHaveItems } from "@/lib/pwa/outbox-client";

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
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" className="rounded-3xl border border-amber-200 bg-amber-50 p-5">
      <h2 id="pending-heading" className="text-base font-semibold text-amber-950">
        {heading}
      </h2>
      <ul className="mt-2 divide-y divide-amber-100">
        {pending.map((p) => (
          <li key={p.clientId} className="flex justify-between gap-3 py-2.5 text-sm" data-testid="pending-submission">
            <span>{p.title}</span>
            <span className="text-amber-900">{status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
