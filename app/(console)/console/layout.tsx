import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConsoleNav, type ConsoleNavItem } from "@/components/console/console-nav";
import { ConsoleProviders } from "@/components/console/console-providers";
import { SignOutButton } from "@/components/profile/sign-out-button";
import { ClientMessages } from "@/components/ui/client-messages";
import { TreueMark } from "@/components/ui/icons";
import { requireStaff } from "@/lib/console/guard";
import { can, tillOnlyRole, type Capability } from "@/lib/loyalty/roles";
import { getDb } from "@/lib/db";
import { requestPath } from "@/lib/http/request-path";
import { getProgramName } from "@/lib/db/queries/program";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("console");
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, robots: { index: false } };
}

const sections: { href: string; key: string; capability: Capability | null; group?: "program" }[] = [
  { href: "/console", key: "overview", capability: null },
  { href: "/console/till", key: "till", capability: "till" },
  { href: "/console/insights", key: "insights", capability: "insights" },
  { href: "/console/members", key: "members", capability: "members.read" },
  { href: "/console/conversations", key: "conversations", capability: "support" },
  { href: "/console/moderation", key: "moderation", capability: "moderate" },
  { href: "/console/program/earning", key: "earning", capability: "program.edit", group: "program" },
  { href: "/console/program/tiers", key: "tiers", capability: "program.edit", group: "program" },
  { href: "/console/program/rewards", key: "rewards", capability: "program.edit", group: "program" },
  { href: "/console/program/tasks", key: "tasks", capability: "program.edit", group: "program" },
  { href: "/console/journeys", key: "journeys", capability: "program.edit", group: "program" },
  { href: "/console/campaigns", key: "campaigns", capability: "program.edit", group: "program" },
  { href: "/console/program/settings", key: "settings", capability: "program.edit", group: "program" },
  { href: "/console/program/document", key: "document", capability: "program.edit", group: "program" },
  { href: "/console/connections", key: "connections", capability: "program.edit" },
  { href: "/console/storefront", key: "storefront", capability: "program.edit" },
  { href: "/console/audit", key: "audit", capability: "audit.read" },
  { href: "/console/jobs", key: "jobs", capability: "operations" },
  { href: "/console/staff", key: "staff", capability: "staff.manage" },
];

/** The section a console address belongs to: the longest listed prefix. */
function sectionOf(path: string) {
  return sections.filter((s) => path === s.href || path.startsWith(`${s.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
}

/** The staff's frame: navigation by role on the left (top on a tablet), the page on the right. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  // A page outside the role answers 404 here, in the frame: each page's own check runs after its
  // loading screen has streamed, when the status is already sent. (Pages still check: client-side
  // navigation renders them without this layout.)
  const capability = sectionOf(await requestPath())?.capability;
  if (capability && !can(staff.role, capability)) notFound();
  const [t, programName] = await Promise.all([getTranslations("console"), getDb().then(getProgramName)]);
  // The store's till staff see the till alone (the overview's figures are none of their business).
  const tillOnly = tillOnlyRole(staff.role);
  const items: ConsoleNavItem[] = sections
    .filter((s) => (s.capability === null ? !tillOnly : can(staff.role, s.capability)))
    .map((s) => ({ href: s.href, label: t(`nav.${s.key}` as "nav.overview"), group: s.group ? t("nav.program") : undefined }));
  return (
    <ClientMessages namespaces={["console"]}>
    <ConsoleProviders>
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow">
        {(await getTranslations("app"))("skipToContent")}
      </a>
      <div className="min-h-dvh bg-stone-50 lg:flex">
        <aside className="border-b border-stone-200 bg-white px-4 py-4 lg:sticky lg:top-0 lg:h-dvh lg:w-64 lg:shrink-0 lg:overflow-y-auto lg:border-r lg:border-b-0 lg:py-6">
          <div className="mb-4 flex items-center gap-3 px-2 lg:mb-8">
            <TreueMark className="size-9" />
            <span className="leading-tight">
              <span className="block text-base font-semibold text-stone-900">{programName ?? "Treue"}</span>
              <span className="block text-xs text-stone-600">{t("title")}</span>
            </span>
          </div>
          <ConsoleNav label={t("nav.label")} items={items} />
          <div className="mt-2 flex flex-wrap items-center gap-x-5 border-t border-stone-200 px-2 pt-1 text-xs text-stone-600 lg:mt-4 lg:block lg:pt-4">
            <div className="hidden lg:block">
              <p className="truncate">{t("nav.signedInAs", { email: staff.email })}</p>
              <p className="mt-1 font-semibold text-stone-800" data-testid="staff-role">
                {t(`roles.${staff.role}`)}
              </p>
            </div>
            <Link href="/" className="inline-flex min-h-11 items-center font-semibold text-brand-800 hover:underline lg:mt-3">
              {t("nav.backToApp")}
            </Link>
            <SignOutButton className="inline-flex min-h-11 items-center font-semibold text-stone-700 hover:underline" />
          </div>
        </aside>
        <main id="main" className="mx-auto w-full max-w-6xl min-w-0 px-4 py-6 md:px-8 lg:py-10">
          {children}
        </main>
      </div>
    </ConsoleProviders>
    </ClientMessages>
  );
}
