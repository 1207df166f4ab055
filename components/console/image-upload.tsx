"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { ConsoleProblem } from "@/lib/console/client";

/**
 * Sends the chosen file as it is to `endpoint` (a reward's picture, the shop's logo); the server
 * checks and re-encodes it before anything is kept.
 */
export function ImageUpload({ endpoint, current, label, onUploaded }: { endpoint: string; current: string | null; label: string; onUploaded?: (url: string) => void }) {
  const t = useTranslations("console.rewards");
  const toast = useToast();
  const router = useRouter();
  const [image, setImage] = useState(current);
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex items-center gap-3 md:col-span-2">
      {/* eslint-disable-next-line @next/next/no-img-element -- our own small WebP, as the app shows it */}
      {image && <img src={image} alt="" className="h-16 w-24 rounded-xl bg-stone-100 object-contain" />}
      <label className="block text-sm font-medium">
        {label}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          disabled={busy}
          className="mt-1 block text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setBusy(true);
            try {
              const response = await fetch(endpoint, { method: "POST", body: file, headers: { "content-type": file.type || "application/octet-stream" } });
              const body = (await response.json()) as { image?: string; detail?: string };
              if (!response.ok) throw new ConsoleProblem(response.status, body.detail ?? response.statusText);
              setImage(body.image ?? null);
              if (body.image) onUploaded?.(body.image);
              toast(t("imageSaved"));
              router.refresh();
            } catch (error) {
              toast(error instanceof Error ? error.message : String(error), "error");
            } finally {
              setBusy(false);
            }
          }}
        />
      </label>
    </div>
  );
}
