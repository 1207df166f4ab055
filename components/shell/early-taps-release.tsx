"use client";

import { useEffect } from "react";
import { HYDRATED_EVENT } from "@/lib/client/early-taps-event";

/** Tells the early-tap holder that React has hydrated the page, so held taps run now. */
export function EarlyTapsRelease() {
  useEffect(() => void document.dispatchEvent(new Event(HYDRATED_EVENT)), []);
  return null;
}
