"use client";

import { useBrowserValue } from "@/components/pwa/use-browser-value";
import { BOUNDARY_TEXT, boundaryLocale } from "@/lib/i18n/boundary-text";

type Props = { error: Error & { digest?: string }; home: string };

/**
 * What a screen shows when rendering it failed: a calm message in the page's language, a retry
 * (the screen loaded again, as the app's screens are documents) and a way out. The digest lets
 * support find the server's log line; the error's own message is never shown (it may name
 * internals). Kept small: every screen's first script carries it.
 */
export function ErrorScreen({ error, home }: Props) {
  const t = BOUNDARY_TEXT[useBrowserValue(() => boundaryLocale(document.documentElement.lang), "de")];
  const action = "inline-flex min-h-11 items-center justify-center rounded-xl px-4 text-sm font-semibold";
  return (
    <section role="alert" className="mx-auto max-w-md space-y-3 rounded-3xl border border-stone-200 bg-white p-6 text-center" data-testid="error-screen">
      <h1 className="text-xl font-bold">{t.title}</h1>
      <p className="text-stone-700">{t.body}</p>
      <div className="flex flex-col justify-center gap-2 sm:flex-row">
        <button type="button" onClick={() => location.reload()} className={`${action} bg-brand-700 text-white hover:bg-brand-800`}>
          {t.retry}
        </button>
        <a href={home} className={`${action} border border-stone-300 hover:bg-stone-100`}>
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
