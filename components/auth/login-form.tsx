import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { MailIcon } from "@/components/ui/icons";
import { csrfCookieName, csrfTokenOf } from "@/lib/auth/csrf";
import { EMAIL_PROVIDER_ID } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { SignInSubmit } from "./sign-in-submit";

const knownErrors = ["InvalidEmail", "RateLimited", "Verification", "EmailSignin", "OAuthAccountNotLinked", "OidcUnverified", "OidcStaff", "HandoverUsed", "HandoverExpired", "CredentialsSignin"] as const;
type KnownError = (typeof knownErrors)[number] | "default";

/** next-auth's error codes (from ?error=) as the sign-in page's messages; anything else is "default". */
export function errorKey(code: string | null | undefined): KnownError | null {
  if (!code) return null;
  return (knownErrors as readonly string[]).includes(code) ? (code as KnownError) : "default";
}

/** The CSRF token next-auth expects with a sign-in POST (its cookie is set by the proxy). */
export async function signInCsrfToken(): Promise<string> {
  return csrfTokenOf((await cookies()).get(csrfCookieName(env().publicUrl))?.value);
}

type Props = {
  callbackUrl: string;
  error?: string;
  /** The address typed before the server sent the form back with an error. */
  email?: string;
  /** The invite landing page: the friend's claim of the referral offer goes with the request. */
  referralCode?: string;
  submitLabel?: string;
};

/**
 * A plain form posting to next-auth's e-mail sign-in: it works before any script has loaded (or
 * without one); the server checks the address and answers with the check-your-inbox page or this
 * page with ?error=.
 */
export async function LoginForm({ callbackUrl, error, email, referralCode, submitLabel }: Props) {
  const [t, csrfToken] = await Promise.all([getTranslations("login"), signInCsrfToken()]);
  const shown = errorKey(error);
  return (
    // noValidate: the page's own message (SignInSubmit, or the server's answer) instead of the browser's bubble.
    <form method="post" action={`/api/auth/signin/${EMAIL_PROVIDER_ID}`} noValidate className="space-y-4">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {referralCode && <input type="hidden" name="referral" value={referralCode} />}
      <div className="space-y-1.5">
        <label htmlFor="email" className="block text-sm font-medium">
          {t("emailLabel")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={254}
          defaultValue={email}
          placeholder={t("emailPlaceholder")}
          aria-invalid={shown === "InvalidEmail" || undefined}
          aria-describedby={shown ? "login-error" : undefined}
          className="min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3.5 text-base placeholder:text-stone-500 focus:border-brand-600 aria-invalid:border-red-600"
        />
      </div>
      {shown && (
        <p id="login-error" role="alert" className="rounded-xl bg-red-50 px-3.5 py-2.5 text-sm text-red-800">
          {t(`errors.${shown}`)}
        </p>
      )}
      <SignInSubmit
        pendingLabel={t("sending")}
        invalidMessage={t("errors.InvalidEmail")}
        className="flex min-h-12 w-full items-center justify-center gap-2 rounded-xl bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800 aria-disabled:opacity-60"
      >
        <MailIcon className="size-5" />
        {submitLabel ?? t("submit")}
      </SignInSubmit>
    </form>
  );
}
