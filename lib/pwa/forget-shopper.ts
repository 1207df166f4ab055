// Sign-out on a shared phone or computer: what this device keeps of the shopper goes with them.
import { PERSONAL_CACHES } from "./cache-names";
import { forgetOutbox } from "./outbox-client";
import { disablePush } from "./push-client";

export async function forgetShopperOnDevice(): Promise<void> {
  await Promise.allSettled([
    // Their notifications would otherwise keep arriving here.
    disablePush(),
    // Offline copies of their screens (balance, wallet codes).
    ...("caches" in window ? PERSONAL_CACHES.map((name) => caches.delete(name)) : []),
    forgetOutbox(),
  ]);
}
