// Whether the server may call a Shopware shop at the URL its registration named: https on public
// addresses only (lib/http/public-url.ts). Tests run a stand-in shop on a loopback port, so plain
// http to a loopback address passes when NODE_ENV is "test", which a production build never is.
// No server-only marker: the discount adapter and its stand-in tests load it outside Next too.
import { checkPublicHttpsUrl, type PublicUrlVerdict, type Resolve } from "../http/public-url";

export function checkShopUrl(shopUrl: string, resolve?: Resolve): Promise<PublicUrlVerdict> {
  return checkPublicHttpsUrl(shopUrl, { resolve, loopbackHttp: process.env.NODE_ENV === "test" });
}
