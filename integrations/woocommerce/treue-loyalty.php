<?php
/**
 * Plugin Name:       Treue Loyalty
 * Description:       Loads the Treue loyalty widget on the shop's pages and tells it, signed on the server, which customer is signed in.
 * Version:           0.1.0
 * Requires at least: 6.3
 * Requires PHP:      7.4
 * Text Domain:       treue-loyalty
 *
 * Set-up, in wp-config.php (a constant keeps the secret out of the database and its backups):
 *
 *     define('TREUE_URL', 'https://treue.example.com');
 *     define('TREUE_SHOP_SECRET', 'the value of TREUE_SHOP_SECRET');
 *
 * Without the constants the options treue_url and treue_shop_secret are read
 * (wp option update treue_url https://treue.example.com).
 *
 * The identity it prints is described in Treue's docs/storefront.md: the lower-case hex
 * HMAC-SHA256, under the shop secret, of "{customer}.{email}.{ts}", the e-mail trimmed and
 * lower-cased. The secret is used here only; it never appears in a page.
 */

defined('ABSPATH') || exit;

/** A setting: its constant when defined, else its WordPress option; '' when neither is set. */
function treue_loyalty_setting(string $constant, string $option): string
{
    $value = defined($constant) ? constant($constant) : get_option($option, '');
    return is_string($value) ? $value : '';
}

/** Treue's address without a trailing slash, or '' when it is not set. */
function treue_loyalty_url(): string
{
    $url = esc_url_raw(trim(treue_loyalty_setting('TREUE_URL', 'treue_url')), array('https', 'http'));
    return untrailingslashit($url);
}

/**
 * The identity for customer $customer with e-mail $email at Unix time $ts, signed with $secret:
 * the e-mail trimmed and lower-cased (WordPress keeps addresses in ASCII, so strtolower lower-cases
 * them completely), the signature the hex HMAC-SHA256 of "{customer}.{email}.{ts}".
 */
function treue_loyalty_sign(string $customer, string $email, string $ts, string $secret): array
{
    $email = strtolower(trim($email, " \t\r\n"));
    return array(
        'customer' => $customer,
        'email' => $email,
        'ts' => $ts,
        'signature' => hash_hmac('sha256', $customer . '.' . $email . '.' . $ts, $secret),
    );
}

/** The signed-in customer's identity, or null for a visitor, a user without e-mail or a missing secret. */
function treue_loyalty_identity(): ?array
{
    $secret = treue_loyalty_setting('TREUE_SHOP_SECRET', 'treue_shop_secret');
    if ($secret === '' || !is_user_logged_in()) {
        return null;
    }
    $user = wp_get_current_user();
    if (trim((string) $user->user_email) === '') {
        return null;
    }
    // The WordPress user id: the customer_id of this customer's WooCommerce orders; digits, never a ".".
    return treue_loyalty_sign((string) $user->ID, (string) $user->user_email, (string) time(), $secret);
}

// The widget's script, on every page of the shop.
add_action('wp_enqueue_scripts', function (): void {
    $url = treue_loyalty_url();
    if ($url !== '') {
        wp_enqueue_script('treue-embed', $url . '/embed.js', array(), null, array('strategy' => 'async', 'in_footer' => true));
    }
});

// A page that names the shopper must not be kept by a shared cache.
add_action('template_redirect', function (): void {
    if (treue_loyalty_url() !== '' && is_user_logged_in()) {
        nocache_headers();
    }
});

// The identity, for a signed-in customer, at the end of the page.
add_action('wp_footer', function (): void {
    $identity = treue_loyalty_url() !== '' ? treue_loyalty_identity() : null;
    if ($identity === null) {
        return;
    }
    printf(
        '<treue-identity customer="%s" email="%s" ts="%s" signature="%s"></treue-identity>' . "\n",
        esc_attr($identity['customer']),
        esc_attr($identity['email']),
        esc_attr($identity['ts']),
        esc_attr($identity['signature'])
    );
});
