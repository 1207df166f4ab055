// Where push subscriptions may point by default; the configuration (lib/env.ts) can name others.

/** The browsers' push services: Chrome and Edge's FCM, Firefox's autopush, Safari's, Windows'. */
export const KNOWN_PUSH_SERVICES = ["fcm.googleapis.com", "android.googleapis.com", "*.push.services.mozilla.com", "*.push.apple.com", "*.notify.windows.com"];

export type PushEndpointPolicy = {
  /** Hosts ("fcm.googleapis.com", on 443), hosts with a port ("10.0.0.5:8443") or `*.` suffixes that may receive pushes. */
  services: readonly string[];
  /** Lets listed hosts resolve to private addresses: a push service run inside the shop's own network. */
  allowPrivateNetwork: boolean;
};
