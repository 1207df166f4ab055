"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { CopyButton } from "@/components/ui/copy-button";

export type SnippetBlock = { id: string; title: string; note?: string | undefined; copy: string; code: string };
export type SnippetTab = { id: string; label: string; intro?: string | undefined; blocks: SnippetBlock[] };

/**
 * The lines to paste, one tab per platform (the WAI-ARIA tabs pattern: arrow keys, Home and End
 * move between tabs, Tab goes into the panel), each block with its own copy button. All words come
 * from the server, so this ships no messages.
 */
export function StorefrontSnippets({ label, copied, tabs }: { label: string; copied: string; tabs: SnippetTab[] }) {
  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const select = (index: number) => {
    const next = (index + tabs.length) % tabs.length;
    setCurrent(next);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tabs.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };
  return (
    <div>
      <div role="tablist" aria-label={label} className="grid grid-cols-2 gap-1 rounded-2xl bg-stone-100 p-1 sm:flex">
        {tabs.map((tab, i) => {
          const selected = i === current;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                buttons.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`snippet-tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`snippet-panel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => setCurrent(i)}
              onKeyDown={onKeyDown}
              className={`inline-flex min-h-11 shrink-0 items-center justify-center rounded-xl px-4 text-sm font-semibold transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${selected ? "bg-white text-brand-800 shadow-sm" : "text-stone-600 hover:text-stone-900"}`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab, i) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`snippet-panel-${tab.id}`}
          aria-labelledby={`snippet-tab-${tab.id}`}
          hidden={i !== current}
          tabIndex={0}
          data-testid={`snippets-${tab.id}`}
          className="mt-4 space-y-5 rounded-xl focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-brand-700"
        >
          {tab.intro && (
            <p className="flex gap-2 text-sm text-stone-700">
              <StepNumber n={1} />
              {tab.intro}
            </p>
          )}
          {tab.blocks.map((block, n) => (
            <section key={block.id} aria-labelledby={`snippet-${tab.id}-${block.id}`}>
              {/* The copy button beside the title, or below it where the two do not fit (a phone). */}
              <div className="mb-2 flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
                <h3 id={`snippet-${tab.id}-${block.id}`} className="flex min-w-0 flex-1 basis-56 items-start gap-2 text-sm font-semibold text-stone-900">
                  <StepNumber n={n + 1 + (tab.intro ? 1 : 0)} />
                  {/* A path such as …/Resources/views/storefront/base.html.twig may break where it must. */}
                  <span className="min-w-0 break-words">{block.title}</span>
                </h3>
                <CopyButton text={block.code} label={block.copy} done={copied} variant="secondary" />
              </div>
              <pre className="rounded-2xl bg-stone-900 p-4 text-xs leading-relaxed whitespace-pre-wrap text-stone-100 [overflow-wrap:anywhere]" data-testid="snippet-code">
                <code>{block.code}</code>
              </pre>
              {block.note && <p className="mt-2 text-xs text-stone-600">{block.note}</p>}
            </section>
          ))}
        </div>
      ))}
    </div>
  );
}

/** Which step a block is: the order matters (the script before the elements that need it). */
function StepNumber({ n }: { n: number }) {
  return (
    <span aria-hidden="true" className="inline-flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-bold text-brand-800">
      {n}
    </span>
  );
}
