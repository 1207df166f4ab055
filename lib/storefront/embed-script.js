// Treue on the shop's own pages, with one tag: <script src="https://<treue>/embed.js" async></script>.
// A small loader: it registers Treue's custom elements and talks only to the Treue it was loaded
// from. Elements that need more code (a launcher panel, say) are registered here by name too and
// load their code from that origin with import() when the first one appears on the page.
//
// The launcher: a round button in the page's corner (added by this script unless the tag says
// data-launcher="off"; a <treue-launcher> placed by the shop is used instead). Its first tap loads
// the panel (/embed/panel.js, an ES module) with the shopper's balance, rewards and the way into
// the app; the panel finds who is signed in from the shop (lib/storefront/embed-panel.js).
//
// <treue-points price="11900" currency="EUR" category="tents" sku="T-2"> shows what a guest earns
// buying the product ("Sammle 119 Punkte", in English when <html lang="en…">). It works under a
// strict Content-Security-Policy (no inline styles, no eval): styles are constructed stylesheets,
// text is set as text. It keeps its line from the moment it is defined, so nothing below moves
// when the points arrive; on any failure it shows nothing and says why in one console.debug line.
(() => {
  "use strict";
  // Only while this script first runs does the page say which script it is.
  const script = document.currentScript;
  if (!script || !("src" in script) || !script.src || !window.customElements) return;
  const API = new URL("/api/embed/v1/", script.src).href;

  const requests = new Map();
  /** One request per URL and page (the browser's cache keeps answers for five minutes). */
  function get(path) {
    let answer = requests.get(path);
    if (!answer) {
      answer = fetch(API + path, { mode: "cors", credentials: "omit" }).then((response) => {
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        return response.json();
      });
      answer.catch(() => requests.delete(path));
      requests.set(path, answer);
    }
    return answer;
  }

  /** German unless the page says it is English. */
  const language = () => (/^en\b/i.test(document.documentElement.lang) ? "en" : "de");

  function sheet(css) {
    const constructed = new CSSStyleSheet();
    constructed.replaceSync(css);
    return constructed;
  }
  const canStyle = "adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype;
  // The line is reserved before any answer: the same height empty and filled.
  const pointsStyle = canStyle
    ? sheet(
        ":host{display:block;min-height:1.5em;line-height:1.5em;color:var(--treue-color,#136441);font-weight:600}" +
          ":host([hidden]){display:none}" +
          "span::before{content:'';display:inline-block;width:.5em;height:.5em;margin-inline-end:.4em;border-radius:50%;background:currentColor;vertical-align:.1em}",
      )
    : null;
  /** White or near-black, whichever reads better on the shop's colour (WCAG relative luminance). */
  function onColor(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? "#1c1917" : "#fff";
  }
  // The shop's colour, once it is known; a colour the page sets on the element wins over it.
  const brandStyle = canStyle ? sheet("") : null;
  let brand;
  const branded = () =>
    (brand ??= get("brand").then(
      (b) => {
        if (brandStyle && /^#[0-9a-f]{6}$/i.test(b.color)) brandStyle.replaceSync(`:host{--treue-color:${b.color};--treue-on-color:${onColor(b.color)}}`);
      },
      () => {}, // the points still show, in Treue's colour
    ));

  class TreuePoints extends HTMLElement {
    static observedAttributes = ["price", "currency", "category", "sku"];

    constructor() {
      super();
      this.root = this.attachShadow({ mode: "open" });
      if (pointsStyle) this.root.adoptedStyleSheets = [pointsStyle, brandStyle];
      this.asked = 0;
    }

    connectedCallback() {
      this.update();
    }

    attributeChangedCallback() {
      if (this.isConnected) this.update();
    }

    /** Asks once for all the attribute changes of one task; only the latest question's answer shows. */
    update() {
      const asked = ++this.asked;
      queueMicrotask(() => {
        if (asked !== this.asked) return;
        const query = new URLSearchParams({ price: this.getAttribute("price") ?? "", currency: this.getAttribute("currency") ?? "" });
        for (const name of ["category", "sku"]) if (this.getAttribute(name)) query.set(name, this.getAttribute(name));
        Promise.all([get(`points?${query}`), branded()]).then(
          ([answer]) => asked === this.asked && this.show(answer.points > 0 ? answer.label[language()] : ""),
          (error) => {
            if (asked !== this.asked) return;
            this.show("");
            console.debug(`treue-points: nothing to show (${error.message})`);
          },
        );
      });
    }

    show(text) {
      if (!text) return this.root.replaceChildren();
      const line = document.createElement("span");
      line.setAttribute("part", "text");
      line.textContent = text;
      this.root.replaceChildren(line);
    }
  }

  if (!customElements.get("treue-points")) customElements.define("treue-points", TreuePoints);

  const launcherStyle = canStyle
    ? sheet(
        ":host{position:fixed;z-index:2147483000;inset:auto 20px 20px auto}:host([position=left]){inset:auto auto 20px 20px}" +
          "button.l{all:unset;box-sizing:border-box;display:flex;align-items:center;justify-content:center;width:56px;height:56px;border-radius:50%;cursor:pointer;" +
          "background:var(--treue-color,#136441);color:var(--treue-on-color,#fff);box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
          "button.l:focus-visible{outline:3px solid var(--treue-color,#136441);outline-offset:3px}button.l svg{width:28px;height:28px}",
      )
    : null;
  /** A gift, drawn with DOM calls: no markup parsing, so a page enforcing Trusted Types lets it be. */
  function gift() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    const attrs = { viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true" };
    for (const [name, value] of Object.entries(attrs)) svg.setAttribute(name, value);
    const rect = document.createElementNS(ns, "rect");
    for (const [name, value] of Object.entries({ x: "3", y: "8", width: "18", height: "4", rx: "1" })) rect.setAttribute(name, value);
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M12 8v13M19 12v7a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-7M7.5 8a2.5 2.5 0 0 1 0-5C11 3 12 8 12 8s1-5 4.5-5a2.5 2.5 0 0 1 0 5");
    svg.append(rect, path);
    return svg;
  }
  const settings = script.dataset;

  class TreueLauncher extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      if (launcherStyle) root.adoptedStyleSheets = [launcherStyle, brandStyle];
      const button = document.createElement("button");
      button.className = "l";
      button.type = "button";
      button.setAttribute("aria-haspopup", "dialog");
      button.setAttribute("aria-label", language() === "en" ? "Rewards and points" : "Prämien und Punkte");
      button.append(gift());
      root.append(button);
      branded();
      let panel;
      button.addEventListener("click", () => {
        // The panel's code comes with the first tap, so pages that are only looked at never load it.
        panel ??= import(new URL("/embed/panel.js", script.src).href).catch((error) => {
          panel = undefined;
          throw error;
        });
        panel.then(
          (module) => module.openPanel({ host: this, root, button, api: API, settings, language, sheet, canStyle }),
          (error) => console.debug(`treue-launcher: the panel did not load (${error.message})`),
        );
      });
    }
  }
  if (!customElements.get("treue-launcher")) customElements.define("treue-launcher", TreueLauncher);

  function addLauncher() {
    if (settings.launcher === "off" || document.querySelector("treue-launcher")) return;
    const launcher = document.createElement("treue-launcher");
    if (settings.position === "left") launcher.setAttribute("position", "left");
    document.body.append(launcher);
  }
  if (document.body) addLauncher();
  else document.addEventListener("DOMContentLoaded", addLauncher, { once: true });
})();
