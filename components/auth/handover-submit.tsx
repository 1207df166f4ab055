"use client";

import { useEffect, useRef, useState } from "react";

type Props = { children: React.ReactNode; pendingLabel: string; className: string };

/** The hand-over form's button: the page sends the form itself as soon as it can, so the shopper only sees it without script. */
export function HandoverSubmit({ children, pendingLabel, className }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    const form = button.current?.form;
    if (!form) return;
    setPending(true);
    form.requestSubmit();
  }, []);
  return (
    <button ref={button} type="submit" aria-disabled={pending || undefined} className={className}>
      {pending ? pendingLabel : children}
    </button>
  );
}
