// The launcher's panel on the shop's pages (/embed/panel.js), loaded by embed.js on the first tap.
// An ES module of its own so product pages never pay for it. It lives in the launcher's shadow
// root: a modal dialog (focus kept inside, Escape and the close button end it, focus goes back to
// the launcher), styled by a constructed stylesheet and built with DOM calls only, so a strict
// Content-Security-Policy or Trusted Types on the shop's page let it be.
//
// Who is looking comes from the shop, never from a Treue cookie: a <treue-identity> element the
// shop's server printed, or one fetched from the shop's own origin (a Shopify app proxy,
// data-identity-url), or a Shopware app token exchanged at Treue (data-shopware-app).

const WORDS = {
  de: {
    close: "Schließen",
    loading: "Einen Moment …",
    unreachable: "Das Treueprogramm ist gerade nicht erreichbar.",
    retry: "Nochmal versuchen",
    hello: (name) => (name ? `Hallo ${name}` : "Hallo"),
    points: (n) => (n === 1 ? "Punkt" : "Punkte"),
    balance: "Dein Punktestand",
    toNext: (missing, tier) => `Noch ${missing} bis ${tier}`,
    tierProgress: (tier) => `Fortschritt zu ${tier}`,
    topTier: "Höchste Stufe erreicht",
    within: "In Reichweite",
    missing: (n) => `Noch ${n} P`,
    rewards: "Prämien",
    redeem: "Einlösen",
    confirm: (name, cost) => `${name} für ${cost} Punkte einlösen?`,
    yes: "Ja, einlösen",
    cancel: "Abbrechen",
    inApp: "In der App",
    yourCode: "Dein Gutscheincode",
    copy: "Code kopieren",
    copied: "Kopiert",
    applyToCart: "Im Warenkorb anwenden",
    validUntil: (date) => `Gültig bis ${date}`,
    atCheckout: "Gib den Code an der Kasse ein.",
    onItsWay: "Dein Gutschein wird gerade im Shop angelegt. Einen Moment, oder du findest ihn gleich in deiner Treue-App.",
    shopRefused: "Der Shop konnte diesen Gutschein nicht anlegen. Deine Punkte sind wieder da.",
    back: "Zurück",
    refused: {
      "insufficient-points": "Dafür fehlen dir noch Punkte.",
      "sold-out": "Diese Prämie ist gerade vergriffen.",
      "limit-reached": "Diese Prämie hast du schon so oft eingelöst, wie es geht.",
      "tier-required": "Diese Prämie gibt es ab einer höheren Stufe.",
      inactive: "Diese Prämie gibt es nicht mehr.",
      default: "Das Einlösen hat nicht geklappt. Versuch es gleich noch einmal.",
    },
    earnMore: "Punkte sammeln",
    openTasks: (n) => (n === 1 ? "1 offene Aufgabe in der App" : `${n} offene Aufgaben in der App`),
    invite: "Freund:innen einladen",
    invitePoints: (n) => `Du bekommst ${n} Punkte für jede Freundin und jeden Freund, die einkaufen.`,
    inviteLink: "Dein Einladungslink",
    copyLink: "Link kopieren",
    openApp: "Meine Treue-App öffnen",
    guestTitle: (shop) => `Punkte sammeln bei ${shop}`,
    earnRule: (points, unit) => `${points} ${points === 1 ? "Punkt" : "Punkte"} für jeden Einkauf von ${unit}`,
    whatYouGet: "Das bekommst du",
    join: "Kostenlos mitmachen",
    joinHint: "Mit deinem Kundenkonto, ohne neues Passwort.",
    signIn: "Schon dabei? Anmelden",
  },
  en: {
    close: "Close",
    loading: "One moment …",
    unreachable: "The loyalty program cannot be reached right now.",
    retry: "Try again",
    hello: (name) => (name ? `Hello ${name}` : "Hello"),
    points: (n) => (n === 1 ? "point" : "points"),
    balance: "Your points",
    toNext: (missing, tier) => `${missing} more to ${tier}`,
    tierProgress: (tier) => `Progress to ${tier}`,
    topTier: "Top tier reached",
    within: "Within reach",
    missing: (n) => `${n} pts to go`,
    rewards: "Rewards",
    redeem: "Redeem",
    confirm: (name, cost) => `Redeem ${name} for ${cost} points?`,
    yes: "Yes, redeem",
    cancel: "Cancel",
    inApp: "In the app",
    yourCode: "Your coupon code",
    copy: "Copy code",
    copied: "Copied",
    applyToCart: "Apply to cart",
    validUntil: (date) => `Valid until ${date}`,
    atCheckout: "Enter the code at checkout.",
    onItsWay: "Your coupon is being created in the shop. One moment, or find it in your loyalty app shortly.",
    shopRefused: "The shop could not create this coupon. Your points are back.",
    back: "Back",
    refused: {
      "insufficient-points": "You need more points for this.",
      "sold-out": "This reward is sold out right now.",
      "limit-reached": "You have redeemed this reward as often as it allows.",
      "tier-required": "This reward needs a higher tier.",
      inactive: "This reward is no longer offered.",
      default: "Redeeming did not work. Please try again in a moment.",
    },
    earnMore: "Earn points",
    openTasks: (n) => (n === 1 ? "1 open task in the app" : `${n} open tasks in the app`),
    invite: "Invite friends",
    invitePoints: (n) => `You get ${n} points for every friend who shops.`,
    inviteLink: "Your invite link",
    copyLink: "Copy link",
    openApp: "Open my loyalty app",
    guestTitle: (shop) => `Collect points at ${shop}`,
    earnRule: (points, unit) => `${points} ${points === 1 ? "point" : "points"} for every ${unit} you spend`,
    whatYouGet: "What you get",
    join: "Join for free",
    joinHint: "With your shop account, no new password.",
    signIn: "Already a member? Sign in",
  },
};

const CSS = `
:host{font-size:15px;line-height:1.45}
.scrim{position:fixed;inset:0;background:rgba(28,25,23,.35)}
.panel{position:fixed;right:20px;bottom:88px;width:min(380px,calc(100vw - 24px));max-height:min(640px,calc(100vh - 112px));overflow:auto;overscroll-behavior:contain;
  box-sizing:border-box;background:#fff;color:#1c1917;border-radius:18px;box-shadow:0 12px 40px rgba(0,0,0,.28);font-family:inherit;text-align:start}
:host([position=left]) .panel{right:auto;left:20px}
@media (max-width:480px){.panel{right:0;left:0;bottom:0;width:100%;max-height:88vh;border-radius:18px 18px 0 0}:host([position=left]) .panel{left:0}}
.panel:focus{outline:none}
header{display:flex;align-items:center;gap:10px;padding:14px 14px 12px 18px;background:var(--treue-color,#136441);color:var(--treue-on-color,#fff);position:sticky;top:0}
header img{width:32px;height:32px;border-radius:8px;object-fit:contain;background:#fff}
h2{flex:1;margin:0;font-size:1.05em;font-weight:700;line-height:1.25}
h3{margin:18px 0 8px;font-size:.8em;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:#57534e}
button,a.btn{font:inherit;cursor:pointer;box-sizing:border-box;min-height:44px;border-radius:12px;border:0;padding:0 16px;display:inline-flex;align-items:center;justify-content:center;gap:6px;text-decoration:none;font-weight:600}
button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.x{min-width:44px;padding:0;background:transparent;color:inherit;font-size:1.6em;line-height:1}
.primary{background:var(--treue-color,#136441);color:var(--treue-on-color,#fff);width:100%}
.secondary{background:#f5f5f4;color:#1c1917}
.small{min-height:40px;padding:0 12px;font-size:.9em}
.body{padding:16px 18px 18px}
.muted{color:#57534e;margin:0}
.balance{font-size:2.4em;font-weight:800;line-height:1.1;margin:2px 0 0;font-variant-numeric:tabular-nums}
.balance span{font-size:.45em;font-weight:600;margin-inline-start:6px}
.bar{height:8px;border-radius:4px;background:#e7e5e4;overflow:hidden;margin:8px 0 4px}
.bar div{height:100%;background:var(--treue-color,#136441);border-radius:4px}
.card{border:1px solid #e7e5e4;border-radius:14px;padding:12px 14px;margin-top:10px}
ul{list-style:none;margin:0;padding:0}
li.row{display:flex;align-items:center;gap:10px;padding:10px 0;border-top:1px solid #f0efee}
li.row:first-child{border-top:0}
.grow{flex:1;min-width:0}
.name{font-weight:600;margin:0}
.cost{color:#57534e;font-size:.9em;margin:0;font-variant-numeric:tabular-nums}
.code{font:700 1.3em/1.2 ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:.06em;padding:12px;border:2px dashed var(--treue-color,#136441);border-radius:12px;text-align:center;margin:8px 0;user-select:all;word-break:break-all}
.stack{display:grid;gap:8px;margin-top:12px}
.alert{background:#fef2f2;color:#991b1b;border-radius:12px;padding:10px 12px;margin:10px 0 0}
input{font:inherit;width:100%;box-sizing:border-box;min-height:44px;border:1px solid #d6d3d1;border-radius:12px;padding:0 12px;color:#1c1917;background:#fafaf9}
.foot{position:sticky;bottom:0;background:#fff;padding:12px 18px 18px;border-top:1px solid #f0efee}
`;

/** An element with attributes and children (strings become text, never markup). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** The identity the shop gives for this page, or null for a visitor it does not name. */
async function findIdentity(settings, api) {
  const elements = document.querySelectorAll("treue-identity");
  // The shop prints one; a second one is markup someone slipped into the page (a review, say): trust neither.
  if (elements.length > 1) {
    console.debug("treue-launcher: more than one <treue-identity> on the page, so none is used");
    return null;
  }
  if (elements.length === 1) return Object.fromEntries(["customer", "email", "ts", "signature"].map((name) => [name, elements[0].getAttribute(name)]));
  try {
    if (settings.identityUrl) {
      // The shop's own origin (a Shopify app proxy): its cookies say who is signed in, Treue signs.
      const url = new URL(settings.identityUrl, location.href);
      if (url.origin !== location.origin) return null;
      const answer = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } });
      return answer.ok ? ((await answer.json()).identity ?? null) : null;
    }
    if (settings.shopwareApp) {
      // A sales channel whose domain has a path serves the route below it: the template can say where.
      const tokenUrl = new URL(settings.shopwareTokenUrl || `/app-system/${encodeURIComponent(settings.shopwareApp)}/generate-token`, location.href);
      if (tokenUrl.origin !== location.origin) return null;
      const token = await fetch(tokenUrl, { method: "POST", credentials: "same-origin" });
      if (!token.ok) return null;
      const exchanged = await fetch(new URL("/api/storefront/shopware/identity", api), {
        method: "POST",
        mode: "cors",
        credentials: "omit",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ token: (await token.json()).token }),
      });
      return exchanged.ok ? ((await exchanged.json()).identity ?? null) : null;
    }
  } catch (error) {
    console.debug(`treue-launcher: no identity from the shop (${error.message})`);
  }
  return null;
}

let open = null;

/** Opens the panel for the launcher (embed.js calls this on every tap; a second tap closes it). */
export function openPanel(ctx) {
  if (open) return open.close();
  const { root, button, api, settings, sheet, canStyle } = ctx;
  const lang = ctx.language();
  const w = WORDS[lang];
  const numbers = new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE");
  if (canStyle && !root.adoptedStyleSheets.some((s) => s.treuePanel)) {
    const style = sheet(CSS);
    style.treuePanel = true;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, style];
  }
  const identity = findIdentity(settings, api);

  async function post(path, fields = {}) {
    const response = await fetch(api + path, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      // text/plain: a simple request, no preflight round trip for the shop's visitor.
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ ...fields, identity: await identity, lang }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok && response.status !== 409) throw new Error(`${path} answered ${response.status}`);
    return body;
  }

  const title = h("h2", { id: "treue-title" }, "");
  const logo = h("img", { alt: "", hidden: true });
  const body = h("div", { class: "body", "aria-live": "polite" });
  const foot = h("div", { class: "foot" });
  const panel = h(
    "section",
    { class: "panel", role: "dialog", "aria-modal": "true", "aria-labelledby": "treue-title", tabindex: "-1" },
    h("header", {}, logo, title, h("button", { class: "x", type: "button", "aria-label": w.close, onclick: () => close() }, "×")),
    body,
    foot,
  );
  const scrim = h("div", { class: "scrim", onclick: () => close() });

  function focusables() {
    return [...panel.querySelectorAll("button, a[href], input, [tabindex='0']")].filter((el) => !el.hidden && !el.closest("[hidden]"));
  }
  function onKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      return close();
    }
    if (event.key !== "Tab") return;
    // Focus stays in the dialog: from the last control forward to the first, and back.
    const list = focusables();
    if (list.length === 0) return event.preventDefault();
    const first = list[0];
    const last = list[list.length - 1];
    const active = root.activeElement;
    if (event.shiftKey && (active === first || active === panel)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }
  function close() {
    panel.removeEventListener("keydown", onKey);
    panel.remove();
    scrim.remove();
    button.setAttribute("aria-expanded", "false");
    open = null;
    button.focus();
  }
  panel.addEventListener("keydown", onKey);
  root.append(scrim, panel);
  button.setAttribute("aria-expanded", "true");
  panel.focus();
  open = { close };

  /** Replaces what the panel shows; focus goes to `focus` (or the dialog) so a screen reader follows. */
  function show(content, footer = [], focus = null) {
    body.replaceChildren(...[content].flat());
    foot.replaceChildren(...footer);
    foot.hidden = footer.length === 0;
    if (focus) focus.focus();
  }

  function shopFace(shop) {
    title.textContent = shop.name;
    if (shop.logo_url) {
      logo.src = shop.logo_url;
      logo.hidden = false;
    }
  }

  async function load(path = "panel", fields) {
    show(h("p", { class: "muted" }, w.loading));
    try {
      render(await post(path, fields));
    } catch (error) {
      console.debug(`treue-launcher: ${error.message}`);
      const retry = h("button", { type: "button", class: "secondary", onclick: () => load() }, w.retry);
      show([h("p", { class: "muted" }, w.unreachable), h("div", { class: "stack" }, retry)]);
    }
  }

  function render(view) {
    if (!view || !view.kind) throw new Error("the panel answered nothing");
    shopFace(view.shop);
    if (view.kind === "member") return renderMember(view);
    return renderGuest(view);
  }

  const pts = (n) => `${numbers.format(n)} ${w.points(n)}`;

  function openAppButton(view) {
    const go = h("button", { type: "button", class: "primary" }, w.openApp);
    go.addEventListener("click", async () => {
      go.setAttribute("aria-disabled", "true");
      try {
        const { url } = await post("handover");
        if (!url) throw new Error("no link");
        location.assign(url);
      } catch {
        // Without a hand-over the app still opens; it asks for the e-mail sign-in.
        location.assign(view.app_url);
      }
    });
    return go;
  }

  function rewardRow(view, reward) {
    const action = h("div");
    const row = h("li", { class: "row" }, h("div", { class: "grow" }, h("p", { class: "name" }, reward.name), h("p", { class: "cost" }, pts(reward.points_cost))), action);
    const offer = () => {
      if (reward.redeemable) action.replaceChildren(h("button", { type: "button", class: "secondary small", "aria-label": `${w.redeem}: ${reward.name}`, onclick: confirm }, w.redeem));
      else if (reward.in_app_only) action.replaceChildren(h("span", { class: "cost" }, w.inApp));
      else if (reward.missing_points > 0) action.replaceChildren(h("span", { class: "cost" }, w.missing(numbers.format(reward.missing_points))));
      else action.replaceChildren();
    };
    function confirm() {
      const yes = h("button", { type: "button", class: "primary small", onclick: () => redeem(view, reward) }, w.yes);
      const no = h("button", { type: "button", class: "secondary small", onclick: () => (offer(), action.querySelector("button")?.focus()) }, w.cancel);
      action.replaceChildren();
      row.after(h("li", { class: "row", "data-confirm": "" }, h("p", { class: "grow name" }, w.confirm(reward.name, numbers.format(reward.points_cost))), yes, no));
      row.nextElementSibling.querySelector("button").focus();
      no.addEventListener("click", () => row.nextElementSibling?.hasAttribute("data-confirm") && row.nextElementSibling.remove());
    }
    offer();
    return row;
  }

  async function redeem(view, reward) {
    show(h("p", { class: "muted" }, w.loading));
    // One id for this tap: asking again with it charges nothing more and answers the same coupon.
    const tap = { reward_id: reward.id, request_id: crypto.randomUUID() };
    let answer;
    try {
      answer = await post("redeem", tap);
    } catch {
      answer = { status: "refused", reason: "default" };
    }
    const back = h("button", { type: "button", class: "secondary", onclick: () => load() }, w.back);
    const heading = h("h3", { tabindex: "-1" }, reward.name);
    if (answer.status !== "issued") {
      return show([heading, h("p", { class: "alert", role: "alert" }, w.refused[answer.reason] ?? w.refused.default), h("div", { class: "stack" }, back)], [], heading);
    }
    // A slow shop: the code shows once the shop has made the discount (asked again a few times, the same tap).
    for (let tries = 0; !answer.coupon?.code && answer.coupon?.state !== "failed" && tries < 8; tries++) {
      if (tries === 0) show([heading, h("p", {}, w.onItsWay), h("div", { class: "stack" }, back)], [openAppButton(view)], heading);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      if (!panel.isConnected) return;
      answer = await post("redeem", tap).catch(() => answer);
    }
    const coupon = answer.coupon;
    if (coupon?.state === "failed") return show([heading, h("p", { class: "alert", role: "alert" }, w.shopRefused), h("div", { class: "stack" }, back)], [], heading);
    if (!coupon?.code) return;
    const copy = h("button", { type: "button", class: "secondary" }, w.copy);
    copy.addEventListener("click", () => navigator.clipboard?.writeText(coupon.code).then(() => (copy.textContent = w.copied), () => {}));
    const actions = [copy];
    if (coupon.apply === "shopify-link") {
      const here = location.pathname + location.search;
      actions.unshift(h("a", { class: "btn primary", href: `/discount/${encodeURIComponent(coupon.code)}?redirect=${encodeURIComponent(here)}` }, w.applyToCart));
    }
    const until = new Date(coupon.expires_at).toLocaleDateString(lang === "en" ? "en-GB" : "de-DE");
    show(
      [
        heading,
        h("p", { class: "muted" }, w.yourCode),
        h("p", { class: "code", "data-testid": "treue-code" }, coupon.code),
        h("p", { class: "muted" }, `${w.validUntil(until)}. ${coupon.apply ? "" : w.atCheckout}`.trim()),
        h("div", { class: "stack" }, ...actions, back),
      ],
      [],
      heading,
    );
  }

  function renderMember(view) {
    const m = view.member;
    const heading = h("p", { class: "muted", tabindex: "-1" }, w.hello(m.first_name));
    const parts = [heading, h("p", { class: "balance", "aria-label": `${w.balance}: ${pts(m.balance)}` }, numbers.format(m.balance), h("span", {}, w.points(m.balance)))];
    if (m.tier || m.next_tier) {
      const tierCard = h("div", { class: "card" }, h("p", { class: "name" }, m.tier?.name ?? "–"));
      if (m.next_tier) {
        tierCard.append(
          h("div", { class: "bar", role: "progressbar", "aria-label": w.tierProgress(m.next_tier.name), "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": m.next_tier.progress }, h("div", { "data-w": m.next_tier.progress })),
          h("p", { class: "cost" }, w.toNext(m.next_tier.missing, m.next_tier.name)),
        );
      } else tierCard.append(h("p", { class: "cost" }, w.topTier));
      parts.push(tierCard);
    }
    if (view.next_reward) {
      parts.push(h("h3", {}, w.within), h("ul", { class: "card" }, rewardRow(view, view.next_reward)));
    }
    const others = view.rewards.filter((r) => r.id !== view.next_reward?.id);
    if (others.length) parts.push(h("h3", {}, w.rewards), h("ul", {}, others.map((reward) => rewardRow(view, reward))));
    if (view.tasks.length) {
      parts.push(
        h("h3", {}, w.earnMore),
        h("ul", {}, view.tasks.map((task) => h("li", { class: "row" }, h("p", { class: "grow name" }, task.title), h("p", { class: "cost" }, `+${pts(task.points)}`)))),
      );
      if (view.open_tasks > view.tasks.length) parts.push(h("p", { class: "cost" }, w.openTasks(view.open_tasks)));
    }
    if (view.referral) {
      const link = h("input", { readonly: true, value: view.referral.url, "aria-label": w.inviteLink });
      const copy = h("button", { type: "button", class: "secondary small" }, w.copyLink);
      copy.addEventListener("click", () => navigator.clipboard?.writeText(view.referral.url).then(() => (copy.textContent = w.copied), () => {}));
      parts.push(h("h3", {}, w.invite), h("p", { class: "muted" }, w.invitePoints(numbers.format(view.referral.points))), h("div", { class: "stack" }, link, copy));
    }
    show(parts, [openAppButton(view)]);
    setBars();
  }

  function renderGuest(view) {
    const heading = h("p", { class: "name", tabindex: "-1" }, w.guestTitle(view.shop.name));
    const parts = [heading, h("p", { class: "muted" }, w.earnRule(view.earn.points_per_unit, view.earn.unit))];
    if (view.rewards.length) parts.push(h("h3", {}, w.whatYouGet), h("ul", {}, view.rewards.map((r) => h("li", { class: "row" }, h("p", { class: "grow name" }, r.name), h("p", { class: "cost" }, pts(r.points_cost))))));
    if (view.tasks.length) parts.push(h("h3", {}, w.earnMore), h("ul", {}, view.tasks.map((t) => h("li", { class: "row" }, h("p", { class: "grow name" }, t.title), h("p", { class: "cost" }, `+${pts(t.points)}`)))));
    const footer = [];
    if (view.kind === "customer") {
      // The shop vouched for this customer: joining is one tap, no e-mail round trip.
      footer.push(h("button", { type: "button", class: "primary", onclick: () => load("join") }, w.join), h("p", { class: "cost" }, w.joinHint));
    } else {
      footer.push(h("a", { class: "btn primary", href: view.join_url, target: "_blank", rel: "noopener" }, w.join));
      footer.push(h("a", { class: "btn secondary", href: view.join_url, target: "_blank", rel: "noopener" }, w.signIn));
    }
    show(parts, [h("div", { class: "stack" }, ...footer)]);
  }

  /** Progress bars get their width from a constructed rule (no inline style a strict policy would refuse). */
  function setBars() {
    if (!canStyle) return;
    const widths = new Set([...panel.querySelectorAll("[data-w]")].map((el) => Math.max(0, Math.min(100, Number(el.dataset.w) || 0))));
    const rules = [...widths].map((n) => `[data-w="${n}"]{width:${Math.max(2, n)}%}`).join("");
    const bars = sheet(rules);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((s) => !s.treueBars), Object.assign(bars, { treueBars: true })];
  }

  load();
}
