// The sample product page that Console → Storefront shows in a frame: a shop's page as a shopper
// sees it, with Treue's one script and <treue-points>, served by Treue itself so the owner sees
// the widgets in the shop's colour before touching the shop. It is a plain document made the way
// a careful shop's is: no inline script or style (its policy forbids both), one stylesheet.
import { formatMoney } from "../i18n/money";
import { SAMPLE_PRICE_MINOR } from "./snippets";

export type PreviewLanguage = "de" | "en";

export type PreviewTexts = {
  product: string;
  description: string;
  addToCart: string;
  category: string;
  note: string;
  cart: string;
};

export type PreviewFacts = { lang: PreviewLanguage; shopName: string; currency: string; texts: PreviewTexts };

/** The preview's language from its query (?lang=en); German otherwise, as Treue's pages. */
export function previewLanguage(value: string | null): PreviewLanguage {
  return value === "en" ? "en" : "de";
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function previewPage({ lang, shopName, currency, texts }: PreviewFacts): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${e(texts.product)} · ${e(shopName)}</title>
  <link rel="stylesheet" href="/storefront-preview.css">
  <script src="/embed.js" async></script>
</head>
<body>
  <header class="bar">
    <span class="shop">${e(shopName)}</span>
    <span class="cart">${e(texts.cart)}</span>
  </header>
  <p class="note">${e(texts.note)}</p>
  <main class="product">
    <img class="picture" src="/storefront-preview-tent.svg" alt="" width="480" height="360">
    <div class="facts">
      <p class="category">${e(texts.category)}</p>
      <h1>${e(texts.product)}</h1>
      <p class="price">${e(formatMoney(lang, SAMPLE_PRICE_MINOR, currency))}</p>
      <treue-points price="${SAMPLE_PRICE_MINOR}" currency="${e(currency)}"></treue-points>
      <p class="description">${e(texts.description)}</p>
      <button type="button" class="buy">${e(texts.addToCart)}</button>
    </div>
  </main>
</body>
</html>
`;
}
