"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/** A label's words without the "(optional)" marker, as the summary names the field. */
function fieldName(control: HTMLElement): string {
  const label = (control as HTMLInputElement).labels?.[0] ?? null;
  const text = label?.querySelector("[data-label-text]")?.textContent ?? label?.textContent ?? control.getAttribute("aria-label") ?? "";
  return text.trim();
}

/** The form (or dialog) a summary speaks for; without either, the block around its own wrapper. */
function scopeOf(element: HTMLElement | null): HTMLElement | null {
  return element ? (element.closest("form") ?? element.closest("dialog") ?? element.parentElement?.parentElement ?? null) : null;
}

/**
 * Said next to the Save button after a failed save: how many fields need attention and which.
 * On every failed attempt the first invalid field (in the form's order) gets focus and is scrolled
 * to the middle of the view, so errors far above the button are never missed.
 */
export function FormErrorSummary({ errors, attempt, className = "" }: { errors: Record<string, string>; attempt: number; className?: string }) {
  const t = useTranslations("console.validation");
  const ref = useRef<HTMLDivElement>(null);
  const [fields, setFields] = useState<string[]>([]);
  const [hasRequired, setHasRequired] = useState(false);
  useEffect(() => {
    // The form's one sentence on what "*" means, only where a field carries it.
    setHasRequired(Boolean(scopeOf(ref.current)?.querySelector('[aria-required="true"]')));
  }, []);
  useEffect(() => {
    if (attempt === 0 || !ref.current) return;
    const scope = scopeOf(ref.current) ?? document.body;
    const invalid = [...scope.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
    // Read from the DOM after the errors rendered: the names are the labels a person sees.
    setFields(invalid.map(fieldName).filter((n) => n !== ""));
    const first = invalid[0];
    if (first) {
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: "center" });
    }
  }, [attempt]);
  const messages = Object.values(errors);
  return (
    <div className={`space-y-1 empty:hidden ${className}`}>
      {hasRequired && (
        <p data-testid="required-note" className="text-xs text-stone-600">
          {t("requiredNote")}
        </p>
      )}
      <div ref={ref} role="alert" data-testid="form-error-summary" className="text-sm font-medium text-red-800 empty:hidden">
        {messages.length > 0 &&
          (fields.length > 0 ? (
            <p>{t("summary", { count: fields.length, fields: fields.join(", ") })}</p>
          ) : (
            <p>
              {t("summaryCount", { count: messages.length })} {messages[0]}
            </p>
          ))}
      </div>
    </div>
  );
}
