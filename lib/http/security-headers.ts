// The headers every page is served with. Scripts run only with this response's nonce (Next puts
// it on its own scripts), so an injected <script> does nothing; no site may frame the app; a
// page served over https tells the browser to never use plain http again.

type PageSecurity = {
  nonce: string;
  /** Served over https (directly or as the trusted proxy says): HSTS applies. */
  https: boolean;
  /** React in development evaluates code for its debugging aids. */
  development: boolean;
  /** Where the sign-in form may send the shopper on (the shop's OpenID provider). */
  signInOrigin?: string | undefined;
};

export function contentSecurityPolicy({ nonce, development, signInOrigin }: PageSecurity): string {
  return [
    "default-src 'self'",
    // strict-dynamic: the nonced scripts may load the rest of the app's chunks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (confetti positions, a tier's progress width) are not script.
    "style-src 'self' 'unsafe-inline'",
    // Reward pictures and the shop's logo may be served from the shop's own image host.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${signInOrigin ? ` ${signInOrigin}` : ""}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The security headers of a page response. */
export function pageSecurityHeaders(security: PageSecurity): { "Content-Security-Policy": string; "Strict-Transport-Security"?: string } {
  return {
    "Content-Security-Policy": contentSecurityPolicy(security),
    ...(security.https && { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" }),
  };
}

/**
 * The console's sample product page (/storefront-preview): framed by Treue's own pages only (the
 * console), and otherwise what a careful shop allows Treue: its script, its styles and its API,
 * no inline script or style, no forms, no plugins. No nonce: the page has no inline script at all.
 */
export const STOREFRONT_PREVIEW_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");
