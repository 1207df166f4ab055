// The manifest.xml a shop puts into custom/apps/<name>/ to connect Shopware 6 to this Treue.
// Permissions: reading orders and their refunds (points), and making each redeemed reward a
// promotion (lib/connectors/discounts/shopware.ts): it is written in one request with its discount,
// sales channels, customer and rules, and Shopware checks the permission of every entity written.
// A shop that installed an earlier version grants new permissions when it updates the app.

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

export function shopwareManifest(publicUrl: string, appName: string): string {
  const url = (path: string) => escape(new URL(path, publicUrl).toString());
  const webhook = (name: string, event: string) => `        <webhook name="${name}" url="${url("/api/connectors/shopware/webhook")}" event="${event}"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://raw.githubusercontent.com/shopware/shopware/trunk/src/Core/Framework/App/Manifest/Schema/manifest-2.0.xsd">
    <meta>
        <name>${escape(appName)}</name>
        <label>Treue</label>
        <label lang="de-DE">Treue</label>
        <author>Treue</author>
        <version>1.1.0</version>
        <license>proprietary</license>
    </meta>
    <setup>
        <registrationUrl>${url("/api/connectors/shopware/register")}</registrationUrl>
        <!-- the value of TREUE_SHOPWARE_APP_SECRET -->
        <secret>…</secret>
    </setup>
    <permissions>
        <read>order</read>
        <read>order_customer</read>
        <read>order_line_item</read>
        <read>order_transaction</read>
        <read>order_transaction_capture</read>
        <read>order_transaction_capture_refund</read>
        <read>currency</read>
        <read>state_machine_state</read>
        <read>promotion</read>
        <read>promotion_discount</read>
        <read>sales_channel</read>
        <read>customer</read>
        <read>product</read>
        <read>category</read>
        <read>rule</read>
        <create>promotion</create>
        <create>promotion_discount</create>
        <create>promotion_discount_prices</create>
        <create>promotion_sales_channel</create>
        <create>promotion_persona_customer</create>
        <create>promotion_cart_rule</create>
        <create>promotion_discount_rule</create>
        <create>rule</create>
        <create>rule_condition</create>
        <update>promotion</update>
    </permissions>
    <webhooks>
${webhook("treue-paid", "state_enter.order_transaction.state.paid")}
${webhook("treue-refunded", "state_enter.order_transaction.state.refunded")}
${webhook("treue-refunded-partially", "state_enter.order_transaction.state.refunded_partially")}
${webhook("treue-cancelled", "state_enter.order_transaction.state.cancelled")}
    </webhooks>
</manifest>
`;
}
