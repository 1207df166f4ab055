import { Children, cloneElement, isValidElement, type ComponentProps, type ReactElement, type ReactNode } from "react";

export const inputClasses =
  "mt-1 block min-h-11 w-full rounded-xl border border-stone-300 bg-white px-3 text-sm text-stone-900 aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600";

/**
 * A labelled form control with its hint and error, wired for screen readers: the label names the
 * control, the hint and the error describe it.
 */
export function Field({
  label,
  hint,
  error,
  id,
  children,
  className = "",
  optional,
  required = false,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  id: string;
  children: ReactNode;
  className?: string;
  /** The word "optional" in the page's language, for a field that may stay empty; the rest are needed. */
  optional?: string;
  /**
   * A field that must be filled: the label gets a "*" (a form says once what it means, see
   * RequiredNote) and the control with this id gets aria-required, so a screen reader says it too.
   * Not the native `required`: the browser's own bubble would speak before the form's own words.
   */
  required?: boolean;
}) {
  const controls = required ? Children.map(children, (child) => (isValidElement<{ id?: string }>(child) && child.props.id === id ? cloneElement(child as ReactElement<Record<string, unknown>>, { "aria-required": true }) : child)) : children;
  return (
    <div className={className}>
      {/* The "*" sits beside the label, not in it: the label names the control in words alone. */}
      <div className="text-sm font-medium text-stone-900">
        <label htmlFor={id}>
          <span data-label-text>{label}</span>
          {optional && <span className="font-normal text-stone-600"> ({optional})</span>}
        </label>
        {required && (
          <span aria-hidden="true" data-required-mark className="text-red-800">
            {" *"}
          </span>
        )}
      </div>
      {controls}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria attributes a control inside Field needs. */
export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: string | undefined }): Pick<ComponentProps<"input">, "aria-describedby" | "aria-invalid" | "id"> {
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined };
}
