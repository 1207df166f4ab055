import type { ComponentProps, ReactNode } from "react";

/** A white panel with the app's rounded border: the building block of every screen. */
export function Card({ className = "", ...props }: ComponentProps<"section">) {
  return <section className={`rounded-3xl border border-stone-200 bg-white p-5 md:p-6 ${className}`.trim()} {...props} />;
}

/** A card's heading row: title, optional hint and actions on the right. */
export function CardHeader({ title, id, hint, actions }: { title: ReactNode; id?: string; hint?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
      <div>
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {hint && <p className="mt-1 text-sm text-stone-600">{hint}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
