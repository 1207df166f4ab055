import type { MetadataRoute } from "next";
import { getDb } from "@/lib/db";
import { getProgramFace } from "@/lib/db/queries/program";

// The program name comes from the database, so it is read per request, not baked into the build.
export const dynamic = "force-dynamic";

/** The installable app: the shop's program name, Treue's icons, straight into the three places people go. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const face = await getDb().then(getProgramFace).catch(() => null);
  const name = face?.name ?? "Treue";
  return {
    id: "/",
    name,
    short_name: name.length > 12 ? "Treue" : name,
    description: "Punkte, Prämien und Status – dein Treueprogramm.",
    lang: "de",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    // The shop's colour from the console (Empfehlungen & Marke); Treue's green until one is set.
    theme_color: face?.branding.primaryColor ?? "#136441",
    background_color: "#fafaf9",
    categories: ["shopping", "lifestyle"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [
      { name: "Prämien", short_name: "Prämien", url: "/rewards", icons: [{ src: "/icons/icon-192.png", sizes: "192x192" }] },
      { name: "Freunde einladen", short_name: "Einladen", url: "/invite", icons: [{ src: "/icons/icon-192.png", sizes: "192x192" }] },
      { name: "Aufgaben", short_name: "Aufgaben", url: "/tasks", icons: [{ src: "/icons/icon-192.png", sizes: "192x192" }] },
    ],
    screenshots: [
      { src: "/screenshots/home-phone.png", sizes: "412x915", type: "image/png", form_factor: "narrow", label: "Punktestand und Status" },
      { src: "/screenshots/rewards-desktop.png", sizes: "1280x800", type: "image/png", form_factor: "wide", label: "Prämien" },
    ],
  };
}
