import "server-only";
import webpush, { WebPushError } from "web-push";
import { checkPushEndpoint } from "./endpoint-policy";
import type { PushEndpointPolicy } from "./push-services";
import type { PushSender } from "./sender";
import type { VapidKeys } from "./vapid";

/** Delivers through the browser's push service with the web-push library (RFC 8291 encryption, VAPID). */
export function webPushSender(keys: VapidKeys, subject: string, endpoints: PushEndpointPolicy): PushSender {
  return async (target, payload) => {
    // Checked again at send time: the host may resolve elsewhere now, or the policy changed.
    const verdict = await checkPushEndpoint(target.endpoint, endpoints);
    if (!verdict.ok) return { outcome: "gone" };
    try {
      await webpush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), {
        vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        // A notification a day late is noise: the push service may drop it after that.
        TTL: 24 * 60 * 60,
        timeout: 10_000,
        urgency: "normal",
      });
      return { outcome: "delivered" };
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) return { outcome: "gone" };
      const detail = error instanceof WebPushError ? `push service answered ${error.statusCode}` : error instanceof Error ? error.message : String(error);
      return { outcome: "failed", error: detail };
    }
  };
}
