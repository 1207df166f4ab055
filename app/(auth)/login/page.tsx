import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { ProviderButton } from "@/components/auth/provider-button";
import { OIDC_PROVIDER_ID } from "@/lib/auth/options";
import { currentMemberId } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { localPath } from "@/lib/http/local-path";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only paths on this site: an open redirect would let a phishing mail borrow our sign-in.
  const callbackUrl = localPath(params.callbackUrl);
  if (await currentMemberId()) redirect(callbackUrl);
  const t = await getTranslations("login");
  const oidc = env().oidc;
  // next-auth sends a stale or missing CSRF token back here with ?csrf=true: a fresh one is set now.
  const error = typeof params.error === "string" ? params.error : params.csrf ? "default" : undefined;
  return (
    <div className="space-y-5">
      <div className="space-y-1.5">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-stone-600">{t("intro")}</p>
      </div>
      <LoginForm callbackUrl={callbackUrl} error={error} email={typeof params.email === "string" ? params.email.slice(0, 254) : undefined} />
      {oidc && (
        <>
          <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-stone-600 before:h-px before:flex-1 before:bg-stone-200 after:h-px after:flex-1 after:bg-stone-200">
            {t("or")}
          </p>
          <ProviderButton id={OIDC_PROVIDER_ID} name={oidc.name} callbackUrl={callbackUrl} />
        </>
      )}
      <p className="text-xs text-stone-600">{t("hint")}</p>
    </div>
  );
}
