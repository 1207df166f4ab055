// A tap that lands before a screen's code has run would be lost: React attaches its handlers
// when it hydrates, and on a slow phone the buttons are visible well before that; a part of the
// page whose code arrives later still is hydrated later. This small script, inlined at the top of
// every page, holds such taps and carries each out once React has taken over that button. It holds
// only what needs the code: buttons of type "button" and forms without an action; links and forms
// that post to a server action or a URL work without script and are left alone. What was typed,
// ticked or chosen in that moment stays on screen but never reached the form's state (this React
// does not replay it): each such field is handed to React once it has taken it over, before any
// held tap is carried out, so a form sends what its fields show.
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

  // Fields changed before React took them over. Handing one over makes React see a change from
  // another value to what the field shows: the value React tracks is set through the element
  // (React's own setter), the shown one put back past it, then the event React listens for.
  const changed = new Map<Element, number>();
  const handOver = (field: Element) => {
    if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) {
      const shown = field.checked;
      if (field.type === "radio" && !shown) return; // its group's checked one carries the choice
      field.checked = !shown;
      field.click();
    } else if (field instanceof HTMLInputElement && field.type === "file") {
      field.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (field instanceof HTMLSelectElement) {
      field.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
      const shown = field.value;
      const nativeValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value");
      if (!nativeValue?.set) return;
      field.value = shown + " ";
      nativeValue.set.call(field, shown);
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  /** Hands over the fields React has taken over by now (those in parts it has not yet wait); true when it handed any over. */
  const handOverFields = () => {
    let handed = false;
    for (const [field, since] of [...changed]) {
      const gone = !field.isConnected || Date.now() - since > 30_000;
      if (!gone && mustWait(field)) continue;
      changed.delete(field);
      if (!gone) {
        handOver(field);
        handed = true;
      }
    }
    return handed;
  };

  const flush = () => {
    // React renders what a handed-over field set before the next frame: held taps wait for it.
    if (handOverFields()) {
      requestAnimationFrame(flush);
      return;
    }
    for (const entry of held.slice()) {
      const gone = !entry.target.isConnected || Date.now() - entry.since > 30_000;
      if (!gone && mustWait(entry.target)) continue;
      held.splice(held.indexOf(entry), 1);
      if (entry.busy === null) entry.target.removeAttribute("aria-busy");
      else entry.target.setAttribute("aria-busy", entry.busy);
      if (!gone) entry.replay();
    }
    if (held.length > 0 || changed.size > 0) requestAnimationFrame(flush);
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
  const noteChange = (event: Event) => {
    const field = event.target;
    if (!(field instanceof Element) || !field.matches("input, textarea, select") || !mustWait(field) || changed.has(field)) return;
    changed.set(field, Date.now());
    if (changed.size === 1 && held.length === 0 && pageHydrated) requestAnimationFrame(flush);
  };
  doc.addEventListener("input", noteChange, true);
  doc.addEventListener("change", noteChange, true);
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
