// What a shop pastes into its pages to show Treue there, per platform (Console → Storefront;
// docs/storefront.md explains each). Pure: the page passes Treue's address and the program's
// currency, so what is shown is what works for this Treue, never a placeholder to fill in.
import { currencyDigits } from "../i18n/money";

/** The example product's price in minor units (119.00 in EUR): the snippet's and the preview's. */
export const SAMPLE_PRICE_MINOR = 11_900;

export const SNIPPET_PLATFORMS = ["html", "woocommerce", "shopify", "shopware"] as const;
export type SnippetPlatform = (typeof SNIPPET_PLATFORMS)[number];

/** One block to copy: `id` names its caption and copy label in consoleStorefront.snippets. */
export type Snippet = { id: string; language: "html" | "php" | "liquid" | "twig"; code: string };

export type SnippetFacts = {
  /** Treue's public address (scheme and host): where embed.js is served from. */
  treueUrl: string;
  /** The program's currency (ISO 4217): a product's price is in its minor units. */
  currency: string;
  /** The Shopware app's technical name (its manifest.xml). */
  shopwareAppName: string;
  /** An example category as the shop's order events name them. */
  sampleCategory: string;
};

/** Where the shop's pages load Treue from: always https://…/embed.js of this Treue. */
export function embedScriptUrl(treueUrl: string): string {
  return new URL("/embed.js", treueUrl).toString();
}

/** An attribute value as HTML, Liquid and Twig print it literally. */
function attribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** A string inside single quotes in PHP. */
function phpString(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
}

export function storefrontSnippets({ treueUrl, currency, shopwareAppName, sampleCategory }: SnippetFacts): Record<SnippetPlatform, Snippet[]> {
  const src = attribute(embedScriptUrl(treueUrl));
  const origin = new URL(treueUrl).origin;
  const money = attribute(currency);
  // Platforms that print a price as a decimal number turn it into minor units (cents for EUR).
  const minor = 10 ** currencyDigits(currency);
  return {
    html: [
      { id: "script", language: "html", code: `<script src="${src}" async></script>` },
      { id: "points", language: "html", code: `<treue-points price="${SAMPLE_PRICE_MINOR}" currency="${money}" category="${attribute(sampleCategory)}"></treue-points>` },
    ],
    woocommerce: [
      { id: "wpConfig", language: "php", code: `define('TREUE_URL', '${phpString(origin)}');\ndefine('TREUE_SHOP_SECRET', '…');` },
      {
        id: "wooPoints",
        language: "php",
        // Just below the price on a product page (the summary's price is printed at priority 10).
        code: [
          "add_action('woocommerce_single_product_summary', function () {",
          "    global $product;",
          "    printf(",
          "        '<treue-points price=\"%d\" currency=\"%s\"></treue-points>',",
          `        (int) round(wc_get_price_to_display($product) * ${minor}),`,
          "        esc_attr(get_woocommerce_currency())",
          "    );",
          "}, 11);",
        ].join("\n"),
      },
    ],
    shopify: [
      // The app proxy (/apps/treue on the shop's own domain) says who is signed in, without a secret in the theme.
      { id: "shopifyScript", language: "liquid", code: `<script src="${src}" data-identity-url="/apps/treue/identity" async></script>` },
      {
        id: "shopifyPoints",
        language: "liquid",
        // Liquid prices are already in minor units (cents).
        code: `<treue-points price="{{ product.selected_or_first_available_variant.price }}" currency="{{ cart.currency.iso_code }}" category="{{ product.type | escape }}"></treue-points>`,
      },
    ],
    shopware: [
      {
        id: "shopwareScript",
        language: "twig",
        code: [
          "{% sw_extends '@Storefront/storefront/base.html.twig' %}",
          "",
          "{% block base_body_script %}",
          "    {{ parent() }}",
          `    <script src="${src}" data-shopware-app="${attribute(shopwareAppName)}" async></script>`,
          "{% endblock %}",
        ].join("\n"),
      },
      {
        id: "shopwarePoints",
        language: "twig",
        code: `<treue-points price="{{ (page.product.calculatedPrice.unitPrice * ${minor})|round }}" currency="{{ context.currency.isoCode }}"></treue-points>`,
      },
    ],
  };
}
