import { getTranslations } from "next-intl/server";
import { ConnectionBanner } from "@/components/pwa/connection-banner";
import { OfflineSync } from "@/components/pwa/offline-sync";
import { UpdatePrompt } from "@/components/pwa/update-prompt";
import { TreueMark } from "@/components/ui/icons";
import { requestPath } from "@/lib/http/request-path";
import { NavLinks, type NavLabels } from "./nav-links";

/** Signed-in frame: side navigation on wide screens, header and bottom tabs on phones. */
export async function AppShell({
  programName,
  logoUrl,
  legal,
  children,
}: {
  programName: string;
  /** The shop's logo from the console; Treue's mark until there is one. */
  logoUrl?: string | undefined;
  /** The shop's Impressum and privacy policy (German law wants them one tap away). */
  legal?: { imprintUrl?: string | undefined; privacyUrl?: string | undefined };
  children: React.ReactNode;
}) {
  const [t, pathname] = await Promise.all([getTranslations(), requestPath()]);
  const labels: NavLabels = {
    home: t("nav.home"),
    rewards: t("nav.rewards"),
    tasks: t("nav.tasks"),
    invite: t("nav.invite"),
    profile: t("nav.profile"),
  };
  return (
    <>
      {/* Outside the two-column frame: the offline bar spans the top of the screen. */}
      <ConnectionBanner message={t("pwa.offline")} />
      <UpdatePrompt message={t("pwa.update")} action={t("pwa.reload")} />
      <OfflineSync />
      <div className="md:flex md:min-h-dvh">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          {t("app.skipToContent")}
        </a>
        <aside className="hidden md:flex md:w-64 md:shrink-0 md:flex-col md:border-r md:border-stone-200 md:bg-white md:px-4 md:py-6">
          <a href="/" className="mb-8 flex items-center gap-3 px-2">
            <Mark logoUrl={logoUrl} className="size-9" />
            <span className="leading-tight">
              <span className="block text-base font-semibold text-stone-900">{programName}</span>
              <span className="block text-xs text-stone-600">{t("app.name")}</span>
            </span>
          </a>
          <nav aria-label={t("nav.label")}>
            <NavLinks variant="side" labels={labels} pathname={pathname} />
          </nav>
        </aside>

        <header className="sticky top-0 z-10 flex items-center gap-2.5 border-b border-stone-200 bg-white/90 px-4 pb-3 pt-[max(0.75rem,env(safe-area-inset-top))] backdrop-blur md:hidden">
          <Mark logoUrl={logoUrl} className="size-7" />
          <span className="text-base font-semibold">{programName}</span>
        </header>

        <main id="main" className="mx-auto w-full max-w-3xl px-4 pb-28 pt-5 md:px-10 md:pb-12 md:pt-10">
          {children}
          {(legal?.imprintUrl || legal?.privacyUrl) && (
            <footer className="mt-10 flex flex-wrap gap-x-5 border-t border-stone-200 pt-4 text-sm text-stone-600" data-testid="legal-links">
              {legal.imprintUrl && (
                <a href={legal.imprintUrl} className="inline-flex min-h-11 items-center underline hover:text-stone-900" rel="noopener">
                  {t("app.imprint")}
                </a>
              )}
              {legal.privacyUrl && (
                <a href={legal.privacyUrl} className="inline-flex min-h-11 items-center underline hover:text-stone-900" rel="noopener">
                  {t("app.privacy")}
                </a>
              )}
            </footer>
          )}
        </main>

        <nav
          aria-label={t("nav.label")}
          className="fixed inset-x-0 bottom-0 z-10 border-t border-stone-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
        >
          <NavLinks variant="tabs" labels={labels} pathname={pathname} />
        </nav>
      </div>
    </>
  );
}

function Mark({ logoUrl, className }: { logoUrl: string | undefined; className: string }) {
  // eslint-disable-next-line @next/next/no-img-element -- a small logo the shop uploaded (already WebP) or links to
  return logoUrl ? <img src={logoUrl} alt="" className={`${className} rounded-lg object-contain`} /> : <TreueMark className={className} />;
}
