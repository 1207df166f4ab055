"use client";

import format, { type CompiledMessage } from "icu-minify/format";
import { createContext, useContext } from "react";
import { FORMATS } from "./formats";

// The shopper screens' islands (redeem, task forms, profile cards) say a few sentences each. The
// messages come precompiled from the build (next.config.js), so formatting them needs only
// icu-minify's small formatter over the browser's Intl, not next-intl's client runtime (3.4 KB
// gzip on every screen with a form). The console keeps next-intl (it formats dates and numbers).

type Values = Record<string, string | number | Date>;
export type Text = { locale: string; timeZone: string; messages: Record<string, unknown> };

const IslandTextContext = createContext<Text | null>(null);

/** Hands the islands below it the messages of some namespaces (see components/ui/island-messages.tsx). */
export function IslandText({ locale, timeZone, messages, children }: Text & { children: React.ReactNode }) {
  return <IslandTextContext.Provider value={{ locale, timeZone, messages }}>{children}</IslandTextContext.Provider>;
}

const formatters = {
  getNumberFormat: (locale: string, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
  getPluralRules: (locale: string, options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locale, options),
  getDateTimeFormat: (locale: string, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
};

function lookup(messages: Record<string, unknown>, path: string): unknown {
  let node: unknown = messages;
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** `t(key, values)` over the messages under `namespace` (the hook below; exported for its tests). */
export function translator(text: Text, namespace: string) {
  return (key: string, values?: Values): string => {
    const message = lookup(text.messages, `${namespace}.${key}`);
    // A missing text shows its key, as next-intl does, rather than breaking the screen.
    if (typeof message !== "string" && !Array.isArray(message)) return `${namespace}.${key}`;
    return String(format(message as CompiledMessage, text.locale, values, { formatters, formats: FORMATS, timeZone: text.timeZone }));
  };
}

/** `t(key, values)` for the messages under `namespace`, like next-intl's hook of the same name. */
export function useTranslations(namespace: string) {
  const text = useContext(IslandTextContext);
  if (!text) throw new Error(`useTranslations("${namespace}") needs an <IslandMessages> above it`);
  return translator(text, namespace);
}
