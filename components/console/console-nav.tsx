"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type ConsoleNavItem = { href: string; label: string; group?: string | undefined };

/** The console's sections; a row of links on a tablet, a column on a desktop. */
export function ConsoleNav({ label, items }: { label: string; items: ConsoleNavItem[] }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === "/console" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1 lg:flex-col lg:flex-nowrap">
        {items.map((item, i) => {
          const heading = item.group && item.group !== items[i - 1]?.group ? item.group : undefined;
          const current = isCurrent(item.href);
          return (
            <li key={item.href} className="shrink-0">
              {heading && <p className="mt-4 mb-1 hidden px-3 text-xs font-semibold tracking-wide text-stone-600 uppercase lg:block">{heading}</p>}
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`flex min-h-11 items-center rounded-xl px-3 text-sm font-medium ${current ? "bg-brand-50 text-brand-800" : "text-stone-700 hover:bg-stone-100"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
