"use client";

import { useState, useTransition } from "react";
import { acknowledgeTier } from "@/lib/actions/acknowledge-tier";

const PIECES = Array.from({ length: 18 }, (_, i) => i);

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
      <div aria-hidden="true" className="pointer-events-none absolute inset-0 motion-reduce:hidden">
        {PIECES.map((i) => (
          <span
            key={i}
            className="treue-confetti absolute top-0 block h-2.5 w-1.5 rounded-sm"
            style={{
              left: `${(i * 53) % 100}%`,
              background: ["#136441", "#ffffff", "#07251a", "#259b63"][i % 4],
              animationDelay: `${(i % 6) * 0.15}s`,
            }}
          />
        ))}
      </div>
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
