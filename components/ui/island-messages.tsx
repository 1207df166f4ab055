import { getLocale, getMessages, getTimeZone } from "next-intl/server";
import { IslandText } from "@/lib/i18n/island-text";

/**
 * Gives the shopper screens' islands below it the messages of the named namespaces only, with a
 * formatter of a few hundred bytes instead of next-intl's client runtime (lib/i18n/island-text.tsx).
 * Routes that need no client-side text (Home) ship neither. The console uses ClientMessages.
 */
export async function IslandMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const [all, locale, timeZone] = await Promise.all([getMessages(), getLocale(), getTimeZone()]);
  const messages = Object.fromEntries(namespaces.map((ns) => [ns, all[ns]]));
  return (
    <IslandText locale={locale} timeZone={timeZone} messages={messages}>
      {children}
    </IslandText>
  );
}
