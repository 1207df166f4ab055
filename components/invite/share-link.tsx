"use client";

import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";

const noSubscription = () => () => undefined;

type Labels = { yourLink: string; copy: string; copied: string; share: string; whatsapp: string; email: string };

/**
 * The invite link with the ways to pass it on: the phone's own share sheet where the browser
 * has one (Web Share API), otherwise WhatsApp, e-mail and copy. Labels come from the server.
 */
export function ShareLink({ url, text, subject, labels }: { url: string; text: string; subject: string; labels: Labels }) {
  // Server render and hydration assume no share sheet; the browser then tells.
  const canShare = useSyncExternalStore(
    noSubscription,
    () => typeof navigator.share === "function",
    () => false,
  );

  const share = () => navigator.share({ title: subject, text, url }).catch(() => undefined); // dismissed sheet: nothing to do

  const button = "inline-flex min-h-11 items-center justify-center rounded-xl px-4 text-sm font-semibold";
  return (
    <div className="space-y-3">
      <label htmlFor="invite-link" className="block text-sm font-medium">
        {labels.yourLink}
      </label>
      <input
        id="invite-link"
        readOnly
        value={url}
        onFocus={(e) => e.currentTarget.select()}
        className="min-h-12 w-full rounded-xl border border-stone-300 bg-stone-50 px-3.5 font-mono text-sm"
        data-testid="invite-link"
      />
      <div className="flex flex-wrap gap-2">
        <CopyButton text={url} label={labels.copy} done={labels.copied} />
        {canShare ? (
          <button type="button" onClick={share} className={`${button} border border-stone-300 bg-white hover:bg-stone-100`}>
            {labels.share}
          </button>
        ) : (
          <>
            <a href={`https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}`} target="_blank" rel="noopener noreferrer" className={`${button} border border-stone-300 bg-white hover:bg-stone-100`}>
              {labels.whatsapp}
            </a>
            <a href={`mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(`${text} ${url}`)}`} className={`${button} border border-stone-300 bg-white hover:bg-stone-100`}>
              {labels.email}
            </a>
          </>
        )}
      </div>
    </div>
  );
}
