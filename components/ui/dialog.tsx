"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal on the browser's own <dialog>: focus moves in and back, Escape closes, the rest of the
 * page is inert. `open` is controlled by the caller.
 */
export function Dialog({ open, onClose, title, children, closeLabel }: { open: boolean; onClose: () => void; title: string; children: ReactNode; closeLabel: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="dialog-title"
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-3xl border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/40"
    >
      <div className="flex items-center justify-between gap-4 border-b border-stone-200 px-5 py-3">
        <h2 id="dialog-title" className="text-base font-semibold">
          {title}
        </h2>
        <button type="button" onClick={onClose} className="inline-flex size-11 items-center justify-center rounded-xl text-stone-600 hover:bg-stone-100" aria-label={closeLabel}>
          <span aria-hidden>✕</span>
        </button>
      </div>
      <div className="max-h-[80vh] overflow-y-auto p-5">{open && children}</div>
    </dialog>
  );
}
