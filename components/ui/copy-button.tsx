"use client";

import { useState } from "react";

/** Copies a text (a coupon code, an invite link); says so for screen readers too. Labels come from the server. */
export function CopyButton({ text, label, done }: { text: string; label: string; done: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      // No clipboard (insecure context, denied): the code stays selectable on screen.
    }
  };
  return (
    <button
      type="button"
      onClick={copy}
      className="inline-flex min-h-11 shrink-0 items-center rounded-xl bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800"
    >
      <span aria-live="polite">{copied ? done : label}</span>
    </button>
  );
}
