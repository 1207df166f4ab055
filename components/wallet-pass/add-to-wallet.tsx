"use client";
// "Add to Apple Wallet" / "Add to Google Wallet" under the member card. Each shows only when the
// shop configured that platform; once the page runs, a phone sees its own platform's button
// (an iPhone the Apple one, an Android phone the Google one), a desktop both. Plain links: the
// pass download and the save link are server routes, so this works before hydration too.
import { useSyncExternalStore } from "react";
import type { WalletLinks } from "@/lib/wallet/links";

type Platform = "apple" | "android" | "other";

function platformOf(userAgent: string): Platform {
  if (/iPhone|iPad|iPod|Macintosh/.test(userAgent)) return "apple";
  if (/Android/.test(userAgent)) return "android";
  return "other";
}

/** The user agent never changes while the page is open. */
const noChanges = () => () => {};

function WalletIcon({ kind }: { kind: "apple" | "google" }) {
  // Three stacked cards: the wallet, drawn in the platform's colours.
  const colours = kind === "apple" ? ["#34c759", "#ff9f0a", "#0a84ff"] : ["#ea4335", "#fbbc04", "#4285f4"];
  return (
    <svg viewBox="0 0 24 24" className="size-6 shrink-0" aria-hidden="true">
      {colours.map((c, i) => (
        <rect key={c} x="3" y={4 + i * 4} width="18" height="9" rx="2.5" fill={c} />
      ))}
      <rect x="3" y="15" width="18" height="6" rx="2" fill="#ffffff" opacity="0.9" />
    </svg>
  );
}

export function AddToWallet({ links, labels }: { links: WalletLinks; labels: { apple: string; google: string; hint: string } }) {
  // The server (and the first paint) cannot know the phone: it shows both, the browser then its own.
  const platform = useSyncExternalStore(noChanges, () => platformOf(navigator.userAgent), () => "other" as const);
  const showApple = links.apple !== null && platform !== "android";
  const showGoogle = links.google !== null && platform !== "apple";
  if (!showApple && !showGoogle) return null;
  const badge = "inline-flex min-h-12 items-center gap-2.5 rounded-xl bg-black px-4 py-2 text-sm font-semibold text-white hover:bg-stone-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";
  return (
    <div className="space-y-2" data-testid="add-to-wallet">
      <div className="flex flex-wrap gap-3">
        {showApple && (
          <a href={links.apple!} className={badge} data-testid="add-to-apple-wallet">
            <WalletIcon kind="apple" />
            {labels.apple}
          </a>
        )}
        {showGoogle && (
          <a href={links.google!} className={badge} data-testid="add-to-google-wallet">
            <WalletIcon kind="google" />
            {labels.google}
          </a>
        )}
      </div>
      <p className="text-sm text-stone-600">{labels.hint}</p>
    </div>
  );
}
