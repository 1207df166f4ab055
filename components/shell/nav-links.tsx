import { GiftIcon, HomeIcon, InviteIcon, ProfileIcon, TasksIcon } from "@/components/ui/icons";

const items = [
  { href: "/", key: "home", Icon: HomeIcon },
  { href: "/rewards", key: "rewards", Icon: GiftIcon },
  { href: "/tasks", key: "tasks", Icon: TasksIcon },
  { href: "/invite", key: "invite", Icon: InviteIcon },
  { href: "/profile", key: "profile", Icon: ProfileIcon },
] as const;

// Screens reached from a tab keep that tab lit: history and status from Home, the wallet from Rewards.
const subScreens: Record<string, string[]> = { "/": ["/history", "/tiers"], "/rewards": ["/wallet"] };

function isActive(pathname: string, href: string) {
  const under = (p: string) => pathname === p || pathname.startsWith(`${p}/`);
  if (href !== "/" && under(href)) return true;
  return pathname === href || (subScreens[href] ?? []).some(under);
}

/**
 * The five destinations, as a bottom tab bar on phones and a side list on wide screens. Rendered
 * on the server for the page's path (screens are documents): the tab bar costs no script.
 */
export type NavLabels = Record<(typeof items)[number]["key"], string>;

export function NavLinks({ variant, labels, pathname }: { variant: "tabs" | "side"; labels: NavLabels; pathname: string }) {
  return (
    <ul className={variant === "tabs" ? "grid grid-cols-5" : "flex flex-col gap-1"}>
      {items.map(({ href, key, Icon }) => {
        const active = isActive(pathname, href);
        return (
          <li key={href}>
            <a
              href={href}
              aria-current={active ? "page" : undefined}
              className={
                variant === "tabs"
                  ? `flex min-h-14 flex-col items-center justify-center gap-0.5 text-[11px] font-medium ${
                      active ? "text-brand-700" : "text-stone-600 hover:text-stone-900"
                    }`
                  : `flex items-center gap-3 rounded-xl px-3 py-2.5 text-sm font-medium ${
                      active ? "bg-brand-50 text-brand-800" : "text-stone-700 hover:bg-stone-100"
                    }`
              }
            >
              <Icon className={variant === "tabs" ? "size-6" : "size-5"} strokeWidth={active ? 2.25 : 1.75} />
              <span>{labels[key]}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
