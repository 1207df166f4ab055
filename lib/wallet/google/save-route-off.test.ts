// Without Google Wallet's configuration the save link does not exist: 404, in words, before anyone is looked up.
import { createTranslator } from "use-intl/core";
import { expect, it, vi } from "vitest";
import de from "../../i18n/messages/de.json";

const session = vi.hoisted(() => ({ asked: 0 }));
vi.mock("../../auth/session", () => ({ currentMemberId: async () => (session.asked++, "00000000-0000-4000-8000-000000000001") }));
vi.mock("next-intl/server", () => ({ getTranslations: async (namespace: string) => createTranslator({ locale: "de", messages: de, namespace: namespace as "errors" }) }));
for (const name of ["TREUE_GOOGLE_WALLET_ISSUER_ID", "TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT"]) delete process.env[name];

const { GET } = await import("../../../app/api/wallet/google/save/route");
const { googleWalletEnabled } = await import("./config");

it("answers 404 and offers no button when Google Wallet is not configured", async () => {
  expect(googleWalletEnabled()).toBe(false);
  const response = await GET(new Request("https://treue.example/api/wallet/google/save"));
  expect(response.status).toBe(404);
  expect(((await response.json()) as { detail: string }).detail).toBe(de.errors.googleWalletOff);
  expect(session.asked).toBe(0);
});
