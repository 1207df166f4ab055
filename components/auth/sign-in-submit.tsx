"use client";

import { useEffect, useRef, useState } from "react";

type Props = { children: React.ReactNode; pendingLabel: string; invalidMessage: string; className: string };

/**
 * The sign-in form's submit button, enhancing a form that works without it: an address the
 * browser already knows is malformed is pointed out here instead of after a round trip, and once
 * the form is sent the button says so, so a second tap does not request a second link.
 */
export function SignInSubmit({ children, pendingLabel, invalidMessage, className }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    const form = button.current?.form;
    const email = form?.elements.namedItem("email");
    if (!form || !(email instanceof HTMLInputElement)) return;
    const sent = (event: SubmitEvent) => {
      if (pending) return event.preventDefault();
      if (!email.checkValidity()) {
        event.preventDefault();
        setInvalid(true);
        email.setAttribute("aria-invalid", "true");
        email.setAttribute("aria-describedby", "sign-in-invalid");
        email.focus();
        return;
      }
      setPending(true);
    };
    // Back from the next page (back/forward cache): the form is usable again.
    const shown = () => setPending(false);
    form.addEventListener("submit", sent);
    window.addEventListener("pageshow", shown);
    return () => {
      form.removeEventListener("submit", sent);
      window.removeEventListener("pageshow", shown);
    };
  }, [pending]);
  return (
    <>
      {invalid && (
        <p id="sign-in-invalid" role="alert" className="rounded-xl bg-red-50 px-3.5 py-2.5 text-sm text-red-800">
          {invalidMessage}
        </p>
      )}
      <button ref={button} type="submit" aria-disabled={pending || undefined} className={className}>
        {pending ? pendingLabel : children}
      </button>
    </>
  );
}
