"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";
import { useBrowserValue } from "@/components/pwa/use-browser-value";
import { Button } from "@/components/ui/button";

// The browser's Shape Detection API (BarcodeDetector): in Chrome on Android, ChromeOS and macOS,
// Safari on iOS 17+ behind no flag; not in every desktop browser, hence the feature check.
// https://developer.mozilla.org/en-US/docs/Web/API/BarcodeDetector
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = {
  new (options?: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
};

function detectorClass(): BarcodeDetectorClass | null {
  return typeof window !== "undefined" && "BarcodeDetector" in window ? (window as unknown as { BarcodeDetector: BarcodeDetectorClass }).BarcodeDetector : null;
}

/** The card's QR code (or Code 128 on a printed card), read through the camera where the browser can. */
const WANTED_FORMATS = ["qr_code", "code_128"];
const SCAN_EVERY_MS = 200;

/**
 * "Scan card": asks for the camera only when tapped, shows what it sees, hands over the first code
 * read and stops the camera at once (also when cancelled or the page is left). Where the browser
 * cannot detect barcodes it says so, and typing the number is the way.
 */
export function CardScanner({ onScan }: { onScan: (text: string) => void }) {
  const t = useTranslations("console.till");
  const supported = useBrowserValue<boolean | null>(() => detectorClass() !== null && Boolean(navigator.mediaDevices?.getUserMedia), null);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Leaving the page mid-scan switches the camera off too.
  useEffect(() => () => releaseCamera(stream, timer), []);

  function stop() {
    releaseCamera(stream, timer);
    if (video.current) video.current.srcObject = null;
    setScanning(false);
  }

  async function start() {
    const Detector = detectorClass();
    if (!Detector) return;
    setProblem(null);
    try {
      const supportedFormats = (await Detector.getSupportedFormats?.()) ?? WANTED_FORMATS;
      const formats = WANTED_FORMATS.filter((f) => supportedFormats.includes(f));
      const detector = new Detector({ formats: formats.length > 0 ? formats : WANTED_FORMATS });
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
      setScanning(true);
      const element = video.current!;
      element.srcObject = stream.current;
      await element.play();
      const look = async () => {
        if (!stream.current) return;
        try {
          const [code] = await detector.detect(element);
          if (code?.rawValue) {
            stop();
            onScan(code.rawValue);
            return;
          }
        } catch {
          // A frame that could not be read (the camera still starting): try the next one.
        }
        timer.current = setTimeout(() => void look(), SCAN_EVERY_MS);
      };
      void look();
    } catch {
      stop();
      setProblem(t("cameraDenied"));
    }
  }

  if (supported === null) return null;
  if (!supported) return <p className="w-full text-sm text-stone-600" data-testid="scan-unavailable">{t("scanUnavailable")}</p>;
  return (
    <>
      {scanning ? (
        <Button type="button" variant="secondary" className="min-h-12 flex-1 px-5 text-base" onClick={stop}>
          {t("scanStop")}
        </Button>
      ) : (
        <Button type="button" variant="secondary" className="min-h-12 flex-1 px-5 text-base" onClick={() => void start()}>
          <ScanGlyph />
          {t("scan")}
        </Button>
      )}
      <div className={scanning ? "w-full space-y-2" : "hidden"}>
        <video ref={video} muted playsInline className="aspect-video w-full rounded-2xl bg-stone-900 object-cover" aria-label={t("scanHelp")} />
        <p className="text-sm text-stone-600">{t("scanHelp")}</p>
      </div>
      {problem && (
        <p role="alert" className="w-full text-sm text-red-800">
          {problem}
        </p>
      )}
    </>
  );
}

/** Stops every track of the camera's stream (the browser's "camera in use" light goes out) and the look loop. */
function releaseCamera(stream: RefObject<MediaStream | null>, timer: RefObject<ReturnType<typeof setTimeout> | null>) {
  if (timer.current) clearTimeout(timer.current);
  timer.current = null;
  stream.current?.getTracks().forEach((track) => track.stop());
  stream.current = null;
}

function ScanGlyph() {
  return (
    <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3M4 12h16" />
    </svg>
  );
}
