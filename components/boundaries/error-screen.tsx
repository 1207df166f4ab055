"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useBrowserValue } from "@/components/pwa/use-browser-value";
import { BOUNDARY_TEXT, boundaryLocale } from "@/lib/i18n/boundary-text";

type Props = { error: Error & { digest?: string }; reset: () => void; home: string };

/**
 * What a screen shows when rendering it failed: a calm message in the page's language, a retry
 * that renders it again from the server, and a way out. The digest lets support find the
 * server's log line; the error's own message is never shown (it may name internals).
 */
export function ErrorScreen({ error, reset, home }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const t = BOUNDARY_TEXT[useBrowserValue(() => boundaryLocale(document.documentElement.lang), "de")];
  return (
    <section role="alert" className="mx-auto max-w-md space-y-3 rounded-3xl border border-stone-200 bg-white p-6 text-center" data-testid="error-screen">
      <h1 className="text-xl font-bold">{t.title}</h1>
      <p className="text-stone-700">{t.body}</p>
      <div className="flex flex-col justify-center gap-2 sm:flex-row">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
          className="inline-flex min-h-11 items-center justify-center rounded-xl bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t.retry}
        </button>
        <a href={home} className="inline-flex min-h-11 items-center justify-center rounded-xl border border-stone-300 px-4 text-sm font-semibold hover:bg-stone-100">
          {t.home}
        </a>
      </div>
      {error.digest && (
        <p className="text-xs text-stone-600">
          {t.reference}: <code>{error.digest}</code>
        </p>
      )}
    </section>
  );
}
