import { getTranslations } from "next-intl/server";
import { signInCsrfToken } from "./login-form";

/** Sign-in with the shop's own accounts (OIDC): a plain form, like the e-mail one. */
export async function ProviderButton({ id, name, callbackUrl }: { id: string; name: string; callbackUrl: string }) {
  const [t, csrfToken] = await Promise.all([getTranslations("login"), signInCsrfToken()]);
  return (
    <form method="post" action={`/api/auth/signin/${id}`}>
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button type="submit" className="min-h-12 w-full rounded-xl border border-stone-300 bg-white px-4 font-semibold text-stone-800 hover:bg-stone-100">
        {t("withProvider", { provider: name })}
      </button>
    </form>
  );
}
