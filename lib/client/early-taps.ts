// A tap that lands before a screen's code has run would be lost: React attaches its handlers
// when it hydrates, and on a slow phone the buttons are visible well before that; a part of the
// page whose code arrives later still is hydrated later. This small script, inlined at the top of
// every page, holds such taps and carries each out once React has taken over that button. It holds
// only what needs the code: buttons of type "button" and forms without an action; links and forms
// that post to a server action or a URL work without script and are left alone.
import { HYDRATED_EVENT } from "./early-taps-event";

/**
 * Runs in the page as an inline script, before React, so it reaches nothing outside itself (it is
 * sent as its own source text).
 */
function holdEarlyTaps(doc: Document, readyEvent: string) {
  type Held = { target: Element; replay: () => void; busy: string | null; since: number };
  const held: Held[] = [];
  let pageHydrated = false;
  // React keeps each element's props on the element once it has hydrated it. Where that cannot be
  // seen (a React that keeps them elsewhere), the page-wide signal from the root layout is all.
  const reactHas = (element: Element) => Object.keys(element).some((key) => key.startsWith("__reactProps$"));
  const mustWait = (element: Element) => !pageHydrated || (reactHas(doc.body) && !reactHas(element));

  const flush = () => {
    for (const entry of held.slice()) {
      const gone = !entry.target.isConnected || Date.now() - entry.since > 30_000;
      if (!gone && mustWait(entry.target)) continue;
      held.splice(held.indexOf(entry), 1);
      if (entry.busy === null) entry.target.removeAttribute("aria-busy");
      else entry.target.setAttribute("aria-busy", entry.busy);
      if (!gone) entry.replay();
    }
    if (held.length > 0) requestAnimationFrame(flush);
  };
  // Busy until then: assistive technology says so, and the button looks it (app/globals.css).
  const hold = (event: Event, target: Element, replay: () => void) => {
    event.preventDefault();
    event.stopImmediatePropagation(); // React would drop it anyway; replayed, it must not happen twice
    if (held.some((entry) => entry.target === target)) return; // an impatient second tap is the same tap
    held.push({ target, replay, busy: target.getAttribute("aria-busy"), since: Date.now() });
    target.setAttribute("aria-busy", "true");
    if (held.length === 1 && pageHydrated) requestAnimationFrame(flush);
  };

  doc.addEventListener(
    "click",
    (event) => {
      const button = event.target instanceof Element ? event.target.closest("button") : null;
      if (button && button.type === "button" && !button.disabled && mustWait(button)) hold(event, button, () => button.click());
    },
    true,
  );
  doc.addEventListener(
    "submit",
    (event) => {
      const form = event.target as HTMLFormElement;
      const action = form.getAttribute("action");
      if (action !== null && !action.startsWith("javascript:")) return;
      if (!mustWait(form)) return;
      // Unheld, the browser would reload the page with the form's fields in its address.
      const submitter = event.submitter;
      hold(event, submitter ?? form, () => {
        // Replayed as a click on its button, as the tap was made: React takes a click on a part
        // it has not finished hydrating by hydrating that part at once, but a bare submit it
        // drops there (its props are on the elements before that part is committed), and the
        // browser would then send the form itself, reloading the page.
        if (submitter instanceof HTMLElement && submitter.isConnected && !(submitter as HTMLButtonElement).disabled) submitter.click();
        else form.requestSubmit(submitter && submitter.isConnected ? submitter : undefined);
      });
    },
    true,
  );
  doc.addEventListener(
    readyEvent,
    () => {
      pageHydrated = true;
      flush();
    },
    { once: true },
  );
}

/** The inline script's text. */
export const earlyTapsScript = `(${holdEarlyTaps.toString()})(document, ${JSON.stringify(HYDRATED_EVENT)});`;
