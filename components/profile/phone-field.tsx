/**
 * The mobile number of a Profile opt-in (texts, WhatsApp): its label, an optional hint under it,
 * and the field the server action reads as "phone". `statusId` names the form's status line,
 * which says when the number was refused.
 */
export function PhoneField({ id, label, hint, phone, invalid, statusId }: { id: string; label: string; hint?: string; phone: string | null; invalid: boolean; statusId: string }) {
  const labelElement = (
    <label htmlFor={id} className="block text-sm font-medium">
      {label}
    </label>
  );
  return (
    <>
      {hint ? (
        <div>
          {labelElement}
          <p id={`${id}-hint`} className="text-xs text-stone-600">
            {hint}
          </p>
        </div>
      ) : (
        labelElement
      )}
      <input
        id={id}
        name="phone"
        type="tel"
        autoComplete="tel"
        defaultValue={phone ?? ""}
        placeholder="+49 151 2345678"
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-hint ${statusId}` : statusId}
        className="min-h-11 w-full rounded-xl border border-stone-300 bg-white px-3 text-base"
      />
    </>
  );
}
