"use client";

import { useState, useTransition } from "react";
import { Confetti } from "@/components/ui/confetti";
import { acknowledgeTier } from "@/lib/actions/acknowledge-tier";

/**
 * Congratulates once on a new tier. Not a modal: it sits at the top of Home and never blocks.
 * The confetti only falls when the shopper has not asked for reduced motion.
 */
export function TierCelebration({ tierId, title, body, close }: { tierId: string; title: string; body: string; close: string }) {
  const [open, setOpen] = useState(true);
  const [, startTransition] = useTransition();
  if (!open) return null;
  return (
    <section
      aria-labelledby="celebration-title"
      className="relative overflow-hidden rounded-3xl bg-gradient-to-br from-gold-300 to-gold-500 p-5 text-stone-900 shadow-lg md:p-6"
      data-testid="tier-celebration"
    >
      <Confetti />
      <h2 id="celebration-title" className="relative text-xl font-bold">
        {title}
      </h2>
      <p className="relative mt-1 text-sm">{body}</p>
      <button
        type="button"
        onClick={() => {
          setOpen(false);
          startTransition(() => acknowledgeTier(tierId));
        }}
        className="relative mt-3 inline-flex min-h-11 items-center rounded-xl bg-stone-900 px-4 text-sm font-semibold text-white hover:bg-stone-800"
      >
        {close}
      </button>
    </section>
  );
}
