import Link from "next/link";

/** Navigation tabs between sibling pages; the current one is marked for screen readers. */
export function LinkTabs({ label, tabs, current }: { label: string; tabs: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label={label} className="flex gap-1 overflow-x-auto border-b border-stone-200">
      {tabs.map((tab) => {
        const active = tab.href === current;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px inline-flex min-h-11 shrink-0 items-center border-b-2 px-3 text-sm font-semibold ${active ? "border-brand-700 text-brand-800" : "border-transparent text-stone-600 hover:text-stone-900"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
