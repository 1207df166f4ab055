import QRCode from "qrcode";

/** The code as a QR code, drawn on the server as SVG: no client JavaScript, crisp at any size. */
export async function CouponQr({ code, label }: { code: string; label: string }) {
  const svg = await QRCode.toString(code, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#07251a", light: "#ffffff" } });
  // The SVG comes from our own encoder and a code we issued: nothing user-controlled is injected.
  return <div role="img" aria-label={label} className="size-28 shrink-0 rounded-xl bg-white p-1 [&>svg]:size-full" dangerouslySetInnerHTML={{ __html: svg }} />;
}
