import type { ComponentProps, ReactNode } from "react";

/** A data table that scrolls sideways on a narrow screen instead of squeezing its columns. */
export function Table({ caption, children, className = "" }: { caption: ReactNode; children: ReactNode; className?: string }) {
  // `relative`: the cells' visually hidden labels (sr-only, absolutely placed) stay inside the
  // scrolling box; without it they widen the whole page on a phone and it slides sideways.
  return (
    <div className={`relative overflow-x-auto rounded-2xl border border-stone-200 bg-white ${className}`.trim()}>
      <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className = "", ...props }: ComponentProps<"th">) {
  return <th scope="col" className={`border-b border-stone-200 bg-stone-50 px-4 py-2.5 text-xs font-semibold tracking-wide text-stone-600 uppercase ${className}`.trim()} {...props} />;
}

export function Td({ className = "", ...props }: ComponentProps<"td">) {
  return <td className={`border-b border-stone-100 px-4 py-3 align-top ${className}`.trim()} {...props} />;
}
