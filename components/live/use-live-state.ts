"use client";

import { useEffect, useState } from "react";
import { onFirstStaleSign } from "@/lib/client/live-channel";

export type LiveState = { balance: number; debt: number; version: string };

/**
 * The shopper's state as the server rendered it, then as /api/me/state says once something may
 * have changed (another tab, a push, shown again, back online): the data layer (TanStack Query,
 * one query shared by every component on the screen) loads at that moment, not before.
 */
export function useLiveState(initial: LiveState, initialAt: number): LiveState {
  const [state, setState] = useState(initial);
  useEffect(() => {
    let stop = () => {};
    let gone = false;
    const stopWaiting = onFirstStaleSign(() => {
      void import("@/lib/client/live-data").then(({ watch, refresh }) => {
        if (gone) return;
        stop = watch<LiveState>(["state"], "/api/me/state", initial, initialAt, setState);
        refresh(["state"]);
      });
    });
    return () => {
      gone = true;
      stopWaiting();
      stop();
    };
  }, [initial, initialAt]);
  return state;
}
