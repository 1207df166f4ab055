// Treue on the shop's own pages, with one tag: <script src="https://<treue>/embed.js" async></script>.
// A small loader: it registers Treue's custom elements and talks only to the Treue it was loaded
// from. Elements that need more code (a launcher panel, say) are registered here by name too and
// load their code from that origin with import() when the first one appears on the page.
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
  // The shop's colour, once it is known; a colour the page sets on the element wins over it.
  const brandStyle = canStyle ? sheet("") : null;
  let brand;
  const branded = () =>
    (brand ??= get("brand").then(
      (b) => {
        if (brandStyle && /^#[0-9a-f]{6}$/i.test(b.color)) brandStyle.replaceSync(`:host{--treue-color:${b.color}}`);
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
})();
