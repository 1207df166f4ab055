"use client";

import { useState } from "react";

type Props = { children: React.ReactNode; pendingLabel: string; className: string };

/** The hand-over form's button: once tapped it says so, and a second tap does not send the form again. */
export function HandoverSubmit({ children, pendingLabel, className }: Props) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
        else setPending(true);
      }}
      className={className}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
