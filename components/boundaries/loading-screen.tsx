import { getTranslations } from "next-intl/server";

/**
 * What a console page shows while its data is on the way (each console segment's loading.tsx):
 * the frame stays, the content's place holds quiet blocks, a screen reader hears that it loads.
 * A server component: it costs no script. Kept at the leaves of the route tree, below the checks
 * that answer 404, so streaming never turns those into a 200. The shopper screens have none:
 * they are documents that must show whole without JavaScript, where a streamed skeleton would
 * never be replaced.
 */
export default async function LoadingScreen() {
  const t = await getTranslations("app");
  const block = "rounded-3xl bg-stone-200/70 motion-safe:animate-pulse";
  return (
    <div role="status" aria-live="polite" className="space-y-4" data-testid="loading-screen">
      <span className="sr-only">{t("loading")}</span>
      <div aria-hidden="true" className={`h-8 w-2/3 max-w-xs ${block}`} />
      <div aria-hidden="true" className={`h-36 ${block}`} />
      <div aria-hidden="true" className="grid gap-4 sm:grid-cols-2">
        <div className={`h-24 ${block}`} />
        <div className={`h-24 ${block}`} />
      </div>
    </div>
  );
}
