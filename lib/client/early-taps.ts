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

  // Fields changed before React took them over, with what the user last left in each (React's
  // hydration can put a pre-filled text back, and a render write its state over the field). Once
  // React has one, it is handed over when what React knows differs from it: React is made to see
  // a change to what the user left (the value it tracks set to something else, then the event it
  // listens for), so its onChange runs once, as if the user had typed after hydration.
  type Changed = { since: number; value: string; checked: boolean };
  const changed = new Map<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, Changed>();
  const propsOf = (field: Element): Record<string, unknown> => {
    const key = Object.keys(field).find((k) => k.startsWith("__reactProps$"));
    return key ? ((field as unknown as Record<string, Record<string, unknown>>)[key] ?? {}) : {};
  };
  const setNative = (field: HTMLInputElement | HTMLTextAreaElement, name: "value" | "checked", value: string | boolean) => {
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), name)?.set?.call(field, value);
  };
  const handOver = (field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, left: Changed) => {
    const props = propsOf(field);
    const tracker = (field as unknown as { _valueTracker?: { setValue: (value: string) => void } })._valueTracker;
    if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) {
      const known = Boolean(props.checked ?? props.defaultChecked ?? false);
      if (field.checked !== left.checked) setNative(field, "checked", left.checked);
      // Ticked and cleared again, or a radio not chosen (its group's chosen one carries the choice).
      if (known === left.checked || (field.type === "radio" && !left.checked)) return;
      // React hears a checkbox's change only as a click, which also toggles it: from the other state.
      field.checked = !left.checked;
      field.click();
      if (field.checked !== left.checked) setNative(field, "checked", left.checked); // a disabled box takes no click
    } else if (field instanceof HTMLSelectElement || (field instanceof HTMLInputElement && field.type === "file")) {
      if (field instanceof HTMLSelectElement && String(props.value ?? props.defaultValue ?? "") === field.value) return;
      field.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      if (field.value !== left.value) setNative(field, "value", left.value);
      if (String(props.value ?? props.defaultValue ?? "") === left.value) return;
      // The value React tracks set aside, so the field itself is not written (the caret, a word the
      // keyboard is composing and the undo history stay); without one, through React's own setter.
      if (tracker) tracker.setValue(left.value + " ");
      else {
        field.value = left.value + " ";
        setNative(field, "value", left.value);
      }
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  /** Hands over the fields React has taken over by now (those in parts it has not hydrated yet wait); true when it handed any over. */
  const handOverFields = () => {
    let handed = false;
    for (const [field, left] of [...changed]) {
      const gone = !field.isConnected || Date.now() - left.since > 30_000;
      if (!gone && mustWait(field)) continue;
      changed.delete(field);
      if (!gone) {
        handOver(field, left);
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
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) return;
    // A field already noted keeps what the user leaves in it until it is handed over.
    if (!changed.has(field) && !mustWait(field)) return;
    changed.set(field, { since: Date.now(), value: field.value, checked: field instanceof HTMLInputElement && field.checked });
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
