"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useLiveState, type LiveState } from "./use-live-state";

/**
 * Renders nothing; keeps a server-rendered screen current: when the shopper's data version moves
 * on (a coupon used at the shop, a submission decided, points in or out), the screen is rendered
 * again from the server, without a reload. Not for screens with a form in progress: their own
 * answer (a task's thanks) must not be replaced under the shopper's eyes.
 */
export function LiveRefresh({ initial, initialAt }: { initial: LiveState; initialAt: number }) {
  const router = useRouter();
  const { version } = useLiveState(initial, initialAt);
  useEffect(() => {
    if (version !== initial.version) router.refresh();
  }, [version, initial.version, router]);
  return null;
}
