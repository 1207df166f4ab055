import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { HandoverSubmit } from "@/components/auth/handover-submit";
import { signInCsrfToken } from "@/components/auth/login-form";
import { HANDOVER_PROVIDER_ID, maskedEmail, peekHandover } from "@/lib/auth/handover-sign-in";
import { currentMemberId } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("handover"))("title"), robots: { index: false } };
}

/**
 * Where "open my loyalty app" on the shop's pages lands. Opening it uses nothing up (a link
 * checker or a preview would otherwise spend the token): the shopper's tap on "continue as …" does.
 * The tap is the point: a link someone made for their own account and sent to another person must
 * not sign that person in unnoticed (what they then enter would land in the sender's account), so
 * the page names the account, and says when it replaces one already signed in.
 */
export default async function HandoverPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const { state, memberId, email } = await peekHandover(token);
  if (state !== "valid" || !email) redirect(`/login?error=${state === "used" ? "HandoverUsed" : "HandoverExpired"}`);
  const signedIn = await currentMemberId();
  // Already signed in as that member on this device: nothing to exchange.
  if (signedIn === memberId) redirect("/");
  const [t, csrfToken] = await Promise.all([getTranslations("handover"), signInCsrfToken()]);
  return (
    <form method="post" action={`/api/auth/callback/${HANDOVER_PROVIDER_ID}`} className="space-y-4">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="token" value={token as string} />
      <input type="hidden" name="callbackUrl" value="/" />
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-sm text-stone-600">{t("intro")}</p>
      {signedIn && <p className="rounded-xl bg-gold-300/40 px-3.5 py-2.5 text-sm text-stone-900">{t("replaces")}</p>}
      <HandoverSubmit className="flex min-h-12 w-full items-center justify-center rounded-xl bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800 aria-disabled:opacity-60" pendingLabel={t("pending")}>
        {t("continueAs", { email: maskedEmail(email) })}
      </HandoverSubmit>
      <p className="text-xs text-stone-600">{t("notYou")}</p>
    </form>
  );
}
