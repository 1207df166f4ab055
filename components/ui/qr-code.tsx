import QRCode from "qrcode";

/** A QR code drawn on the server as SVG: no client JavaScript, crisp at any size. */
export async function QrCode({ value, label, className = "size-28" }: { value: string; label: string; className?: string }) {
  const svg = await QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#07251a", light: "#ffffff" } });
  // The SVG comes from our own encoder: the value is encoded as modules, never injected as markup.
  return <div role="img" aria-label={label} className={`${className} shrink-0 rounded-xl bg-white p-1 [&>svg]:size-full`} dangerouslySetInnerHTML={{ __html: svg }} />;
}
