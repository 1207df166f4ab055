import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, STOREFRONT_PREVIEW_POLICY } from "../http/security-headers";
import { previewLanguage, previewPage } from "./preview-page";
import { SNIPPET_PLATFORMS, storefrontSnippets } from "./snippets";

const facts = { treueUrl: "https://treue.shop.example", currency: "EUR", shopwareAppName: "TreueLoyalty", sampleCategory: "zelte" };
const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("the snippets a shop pastes", () => {
  it("load this Treue's embed.js on every platform, with the platform's own attributes", () => {
    const snippets = storefrontSnippets(facts);
    expect(Object.keys(snippets)).toEqual([...SNIPPET_PLATFORMS]);
    expect(snippets.html[0]!.code).toBe('<script src="https://treue.shop.example/embed.js" async></script>');
    expect(snippets.html[1]!.code).toBe('<treue-points price="11900" currency="EUR" category="zelte"></treue-points>');
    expect(snippets.woocommerce[0]!.code).toBe("define('TREUE_URL', 'https://treue.shop.example');\ndefine('TREUE_SHOP_SECRET', '…');");
    expect(snippets.shopify[0]!.code).toBe('<script src="https://treue.shop.example/embed.js" data-identity-url="/apps/treue/identity" async></script>');
    expect(snippets.shopware[0]!.code).toContain('<script src="https://treue.shop.example/embed.js" data-shopware-app="TreueLoyalty" async></script>');
    expect(snippets.shopware[0]!.code).toContain("{% block base_body_script %}\n    {{ parent() }}");
  });

  it("price in the program's currency and its minor units, never a hard-coded EUR", () => {
    const yen = storefrontSnippets({ ...facts, currency: "JPY" });
    expect(yen.html[1]!.code).toContain('currency="JPY"');
    expect(yen.woocommerce[1]!.code).toContain("wc_get_price_to_display($product) * 1)");
    expect(yen.shopware[1]!.code).toContain("unitPrice * 1)|round");
    expect(storefrontSnippets(facts).woocommerce[1]!.code).toContain("wc_get_price_to_display($product) * 100)");
  });

  it("never lets a name break out of its attribute", () => {
    const odd = storefrontSnippets({ ...facts, shopwareAppName: 'X" onload="alert(1)', sampleCategory: "<b>" });
    expect(odd.shopware[0]!.code).toContain('data-shopware-app="X&quot; onload=&quot;alert(1)"');
    expect(odd.html[1]!.code).toContain('category="&lt;b>"');
  });
});

describe("the console's sample product page", () => {
  const texts = { product: "Kuppelzelt <Gipfel>", description: "Leicht", addToCart: "In den Warenkorb", category: "Zelte", note: "Beispielseite", cart: "Warenkorb" };

  it("carries embed.js and <treue-points> in the program's currency, in the page's language, with nothing inline", () => {
    const html = previewPage({ lang: "en", shopName: "Gipfel & Glück", currency: "EUR", texts });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<script src="/embed.js" async></script>');
    expect(html).toContain('<treue-points price="11900" currency="EUR"></treue-points>');
    expect(html).toContain("€119.00");
    expect(html).toContain("Kuppelzelt &lt;Gipfel&gt;");
    expect(html).toContain("Gipfel &amp; Glück");
    // Its policy forbids inline script and style, so it has none.
    expect(html).not.toMatch(/<script>|<style|\sstyle=|\son[a-z]+=/);
    expect(previewPage({ lang: "de", shopName: "S", currency: "EUR", texts })).toContain("119,00");
    expect([previewLanguage("en"), previewLanguage("de"), previewLanguage(null), previewLanguage("fr")]).toEqual(["en", "de", "de", "de"]);
  });

  it("may be framed by Treue's own pages only, unlike every other page, and runs only Treue's own script", () => {
    const policy = directives(STOREFRONT_PREVIEW_POLICY);
    expect(policy.get("frame-ancestors")).toEqual(["'self'"]);
    expect(policy.get("script-src")).toEqual(["'self'"]);
    expect(policy.get("style-src")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(directives(contentSecurityPolicy({ nonce: "n", https: false, development: false })).get("frame-ancestors")).toEqual(["'none'"]);
  });
});
