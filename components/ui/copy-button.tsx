"use client";

import { useState } from "react";

const looks = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  // Beside other content (several snippets on one page), where a row of filled buttons would shout.
  secondary: "border border-stone-300 bg-white text-stone-900 hover:bg-stone-100",
};

/** Copies a text (a coupon code, an invite link); says so for screen readers too. Labels come from the server. */
export function CopyButton({ text, label, done, variant = "primary" }: { text: string; label: string; done: string; variant?: keyof typeof looks }) {
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
      className={`inline-flex min-h-11 shrink-0 items-center rounded-xl px-4 text-sm font-semibold ${looks[variant]}`}
    >
      <span aria-live="polite">{copied ? done : label}</span>
    </button>
  );
}
