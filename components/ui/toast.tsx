"use client";

import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

type Toast = { id: number; text: string; tone: "success" | "error" };
const ToastContext = createContext<(text: string, tone?: Toast["tone"]) => void>(() => {});

/** Short confirmations and errors, announced politely (errors assertively) and gone after a while. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((text: string, tone: Toast["tone"] = "success") => {
    const id = Date.now() + Math.random();
    setToasts((all) => [...all, { id, text, tone }]);
    setTimeout(() => setToasts((all) => all.filter((t) => t.id !== id)), tone === "error" ? 8_000 : 4_000);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4">
        <div aria-live="polite" className="contents">
          {toasts
            .filter((t) => t.tone === "success")
            .map((t) => (
              <p key={t.id} role="status" className="pointer-events-auto rounded-2xl bg-stone-900 px-4 py-3 text-sm font-medium text-white shadow-lg">
                {t.text}
              </p>
            ))}
        </div>
        <div aria-live="assertive" className="contents">
          {toasts
            .filter((t) => t.tone === "error")
            .map((t) => (
              <p key={t.id} role="alert" className="pointer-events-auto rounded-2xl bg-red-800 px-4 py-3 text-sm font-medium text-white shadow-lg">
                {t.text}
              </p>
            ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
