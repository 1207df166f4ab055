<?php
// Runs the plugin as WordPress would, with WordPress's few functions it calls stood in, for
// Treue's test suite (lib/storefront/woocommerce-plugin.test.ts). Reads one JSON request on stdin:
//   {"vectors": [{customer, email, ts, secret}], "settings": {constants or options}, "user": {ID, user_email} | null}
// and prints what the plugin did as JSON: each vector signed, the scripts it enqueued, whether it
// asked for no caching, and what its footer printed.

define('ABSPATH', __DIR__);
$request = json_decode(stream_get_contents(STDIN), true);
foreach ($request['constants'] ?? array() as $name => $value) {
    define($name, $value);
}

$actions = array();
$enqueued = array();
$nocache = false;

function add_action(string $hook, callable $callback): void
{
    global $actions;
    $actions[$hook][] = $callback;
}
function get_option(string $name, $default = false)
{
    global $request;
    return $request['options'][$name] ?? $default;
}
function esc_url_raw(string $url, array $protocols): string
{
    $scheme = strtolower((string) parse_url($url, PHP_URL_SCHEME));
    return in_array($scheme, $protocols, true) ? $url : '';
}
function untrailingslashit(string $value): string
{
    return rtrim($value, '/\\');
}
function is_user_logged_in(): bool
{
    global $request;
    return isset($request['user']);
}
function wp_get_current_user(): object
{
    global $request;
    return (object) $request['user'];
}
function wp_enqueue_script(string $handle, string $src, array $deps, $version, array $args): void
{
    global $enqueued;
    $enqueued[] = array('handle' => $handle, 'src' => $src, 'args' => $args);
}
function nocache_headers(): void
{
    global $nocache;
    $nocache = true;
}
function esc_attr(string $text): string
{
    return htmlspecialchars($text, ENT_QUOTES, 'UTF-8');
}

require dirname(__DIR__) . '/treue-loyalty.php';

$signed = array();
foreach ($request['vectors'] ?? array() as $vector) {
    $signed[] = treue_loyalty_sign($vector['customer'], $vector['email'], $vector['ts'], $vector['secret']);
}
foreach (array('wp_enqueue_scripts', 'template_redirect') as $hook) {
    foreach ($actions[$hook] ?? array() as $callback) {
        $callback();
    }
}
ob_start();
foreach ($actions['wp_footer'] ?? array() as $callback) {
    $callback();
}
$footer = ob_get_clean();
echo json_encode(array('signed' => $signed, 'enqueued' => $enqueued, 'nocache' => $nocache, 'footer' => $footer, 'now' => time()));
