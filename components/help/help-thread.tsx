"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { Button } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";
import { actionLabel, type AssistantAction } from "@/lib/loyalty/assistant/reply";
import type { ShopperMessage } from "@/lib/server/conversations/thread";
import type { ConversationStatus } from "@/lib/loyalty/conversations";

/** How often an open, visible thread asks for new messages (a cheap read: messages after the last one shown). */
const POLL_MS = 3_000;

type Thread = { status: ConversationStatus; handedOver: boolean; messages: ShopperMessage[] };

/**
 * A support conversation on the shopper's phone: their messages right, the assistant's and the
 * team's left with names, the assistant's buttons, a composer with a photo. Staff replies appear
 * without a reload: while the page is visible it asks for messages after the last one it shows.
 * Without a conversation yet (`conversationId` null), the first message starts one.
 */
export function HelpThread({ conversationId, initial }: { conversationId: string | null; initial: Thread }) {
  const t = useTranslations("help");
  const ta = useTranslations("assistant");
  const router = useRouter();
  const [thread, setThread] = useState(initial);
  const [id, setId] = useState(conversationId);
  const [text, setText] = useState("");
  const [photo, setPhoto] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const lastId = thread.messages.at(-1)?.id ?? 0;

  const merge = useCallback((next: Thread) => {
    setThread((current) => {
      const known = new Set(current.messages.map((m) => m.id));
      return { status: next.status, handedOver: next.handedOver, messages: [...current.messages, ...next.messages.filter((m) => !known.has(m.id))] };
    });
  }, []);

  const refresh = useCallback(async () => {
    if (!id) return;
    const response = await fetch(`/api/me/conversations/${id}?after=${lastId}`, { cache: "no-store" }).catch(() => null);
    if (response?.ok) merge((await response.json()) as Thread);
  }, [id, lastId, merge]);

  useEffect(() => {
    if (!id) return;
    const tick = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    const timer = window.setInterval(tick, POLL_MS);
    document.addEventListener("visibilitychange", tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [id, refresh]);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [thread.messages.length]);

  async function send(body: string) {
    if (pending) return;
    if (body.trim() === "" && !photo) return setError(t("failed"));
    setPending(true);
    setError(null);
    const form = new FormData();
    form.set("body", body);
    form.set("requestId", crypto.randomUUID());
    if (id) form.set("conversationId", id);
    if (photo) form.set("file", photo);
    try {
      const response = await fetch("/api/me/conversations", { method: "POST", body: form });
      const answer = (await response.json().catch(() => ({}))) as { conversationId?: string; detail?: string };
      if (!response.ok || !answer.conversationId) return setError(answer.detail ?? t("failed"));
      setText("");
      setPhoto(null);
      if (fileRef.current) fileRef.current.value = "";
      if (!id) {
        // The first message started a conversation: its own page (title, the list's "back") takes over, without a reload.
        setId(answer.conversationId);
        router.replace(`/help/${answer.conversationId}`);
        return;
      }
      const fresh = await fetch(`/api/me/conversations/${answer.conversationId}?after=${lastId}`, { cache: "no-store" });
      if (fresh.ok) merge((await fresh.json()) as Thread);
    } catch {
      setError(t("offline"));
    } finally {
      setPending(false);
    }
  }

  async function act(action: AssistantAction) {
    if (action.kind === "link") return window.location.assign(action.href);
    if (action.kind === "ask") return send(ta(actionLabel(action)));
    if (!id) return;
    setPending(true);
    const response = await fetch(`/api/me/conversations/${id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(action.kind === "handover" ? { action: "handover" } : { action: "openClaim", orderId: action.orderId }),
    }).catch(() => null);
    setPending(false);
    if (!response?.ok) return setError(t("failed"));
    await refresh();
  }

  const lastAssistant = [...thread.messages].reverse().find((m) => m.author === "assistant")?.id;
  return (
    <div className="flex flex-col gap-4">
      <ol className="flex flex-col gap-3 empty:hidden" aria-live="polite" data-testid="help-thread">
        {thread.messages.map((m) => {
          if (m.system) {
            return (
              <li key={m.id} className="self-center rounded-full bg-stone-100 px-3 py-1 text-center text-xs text-stone-700" data-author="system">
                {t(`system.${m.system.kind}`, { points: m.system.points ?? 0, order: m.system.order ?? "none" })}
              </li>
            );
          }
          const mine = m.author === "shopper";
          const who = mine ? t("you") : m.author === "assistant" ? t("assistant") : m.name ? t("teamNamed", { name: m.name }) : t("team");
          return (
            <li key={m.id} className={`flex max-w-[85%] flex-col gap-1 ${mine ? "self-end items-end" : "self-start items-start"}`} data-author={m.author}>
              <span className="px-1 text-xs font-medium text-stone-600">{who}</span>
              <div className={`rounded-2xl px-4 py-2.5 text-[15px] leading-relaxed whitespace-pre-line ${mine ? "rounded-br-md bg-brand-700 text-white" : "rounded-bl-md bg-white text-stone-900 shadow-sm ring-1 ring-stone-200"}`}>
                {m.photoUrl && (
                  // eslint-disable-next-line @next/next/no-img-element -- a private photo served by our own route, sized by CSS
                  <img src={m.photoUrl} alt={t("receiptPhoto")} className="mb-2 max-h-64 rounded-xl" />
                )}
                {m.body}
              </div>
              {m.actions.length > 0 && m.id === lastAssistant && !thread.handedOver && (
                <div className="flex flex-wrap gap-2 pt-1">
                  {m.actions.map((action, i) => (
                    <Button key={i} variant={action.kind === "handover" ? "primary" : "secondary"} className="min-h-11 text-sm" disabled={pending} onClick={() => void act(action)}>
                      {ta(actionLabel(action))}
                    </Button>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {/* Scrolled to with room for the sticky composer (and the phone's tab bar) below, so the newest message is never behind them. */}
      <div ref={endRef} className="scroll-mb-60 md:scroll-mb-48" />
      {thread.handedOver && thread.status !== "closed" && <p className="text-sm text-stone-700">{t("handedOver")}</p>}
      <form
        className="sticky bottom-20 flex flex-col gap-2 rounded-2xl bg-stone-50 p-3 shadow-sm ring-1 ring-stone-200 md:bottom-4"
        onSubmit={(e) => {
          e.preventDefault();
          void send(text);
        }}
      >
        <label htmlFor="help-message" className="sr-only">
          {t("composer")}
        </label>
        <textarea id="help-message" name="body" rows={2} maxLength={4000} value={text} placeholder={t("placeholder")} onChange={(e) => setText(e.target.value)} className={`${inputClasses} py-2`} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-center gap-2">
            <label className="inline-flex min-h-11 cursor-pointer items-center rounded-xl px-3 text-sm font-medium text-brand-800 hover:bg-brand-50">
              <input ref={fileRef} type="file" accept="image/*" className="sr-only" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
              {photo ? t("photoChosen", { name: photo.name }) : t("photo")}
            </label>
            {photo && (
              <button type="button" className="min-h-11 px-2 text-sm text-stone-600 underline" onClick={() => setPhoto(null)}>
                {t("removePhoto")}
              </button>
            )}
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? t("sending") : t("send")}
          </Button>
        </div>
        <p role="status" className="text-sm text-red-800">
          {error ?? ""}
        </p>
      </form>
      {id && !thread.handedOver && (
        <div>
          <Button variant="ghost" disabled={pending} onClick={() => void act({ kind: "handover" })}>
            {t("handover")}
          </Button>
        </div>
      )}
    </div>
  );
}
