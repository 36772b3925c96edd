// Accessibility checks that need a real layout engine. Loaded into every page the a11y tests
// open (as a Playwright init script) and called from tests/support/a11y.py. Each check returns
// a list of problems, written for a person: what is wrong, where, and the measured value.
(() => {
  if (window.wtiwA11y) return;

  const FOCUSABLE = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea",
    "summary", "iframe", "[tabindex]", "[contenteditable='']", "[contenteditable='true']",
  ].join(",");
  const TEXT_CONTROLS = "input:not([type=hidden]):not([type=checkbox]):not([type=radio])" +
    ":not([type=button]):not([type=submit]):not([type=reset]):not([type=image]), select, textarea";

  /** A short, readable selector for an element, so a failure says where to look. */
  function describe(el) {
    if (!el || el === document) return "document";
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      let part = node.localName;
      if (node.id) {
        parts.unshift(`${part}#${CSS.escape(node.id)}`);
        break;
      }
      const classes = [...node.classList].filter((c) => !c.startsWith("wtiw-a11y"));
      if (classes.length) part += "." + classes.slice(0, 2).map((c) => CSS.escape(c)).join(".");
      parts.unshift(part);
    }
    const text = (el.innerText || el.getAttribute("aria-label") || el.value || "").trim();
    const label = text ? ` "${text.replace(/\s+/g, " ").slice(0, 40)}"` : "";
    return parts.join(" > ") + label;
  }

  /** True when the element is not display:none, visibility:hidden or inert. */
  function isFocusableNow(el) {
    if (el.closest("[inert]")) return false;
    const closed = el.closest("details:not([open])");
    if (closed) {
      const summary = closed.querySelector(":scope > summary");
      if (!summary || !summary.contains(el)) return false;
    }
    return el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  }

  /** True when the element also takes up space on the page. */
  function isRendered(el) {
    if (!isFocusableNow(el)) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 || rect.height > 0;
  }

  /** Opacity of an element as painted: its own times every ancestor's. */
  function effectiveOpacity(el) {
    let opacity = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      opacity *= Number(getComputedStyle(node).opacity);
    }
    return opacity;
  }

  /** True when assistive technology can perceive the element. */
  function isExposed(el) {
    return isRendered(el) && !el.closest("[aria-hidden='true']");
  }

  /** Whether the element is in the sequential (Tab) focus order, ignoring visibility. */
  function isTabbable(el) {
    if (el.disabled) return false;
    if (el.tabIndex < 0) return false;
    if (el.localName === "summary" && el.parentElement.localName !== "details") return false;
    if (el.localName === "a" && !el.hasAttribute("href") && !el.hasAttribute("tabindex")) {
      return false;
    }
    return true;
  }

  /** Every element Tab should reach, in DOM order; radio groups count once, as browsers do. */
  function focusables() {
    const seenGroups = new Set();
    const found = [];
    for (const el of document.querySelectorAll(FOCUSABLE)) {
      if (!isTabbable(el) || !isFocusableNow(el)) continue;
      if (el.localName === "input" && el.type === "radio" && el.name) {
        const key = `${el.form ? describe(el.form) : ""}|${el.name}`;
        if (seenGroups.has(key)) continue;
        const group = [...document.getElementsByName(el.name)].filter(
          (r) => r.type === "radio" && r.form === el.form && isFocusableNow(r),
        );
        seenGroups.add(key);
        found.push(group.find((r) => r.checked) || group[0]);
        continue;
      }
      found.push(el);
    }
    window.wtiwA11yFocusables = found;
    return found.map((el, index) => ({ index, description: describe(el) }));
  }

  /** Paint a CSS colour on a 1x1 canvas and read it back as [r, g, b, a] (a in 0..1). */
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  function rgba(colour) {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  }

  /** Put a translucent colour over an opaque one. */
  function over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  }

  /** The opaque colour behind an element, from the backgrounds of it and its ancestors. */
  function backgroundBehind(el) {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    let result = rgba(getComputedStyle(document.documentElement).backgroundColor);
    if (result[3] < 1) result = over(result, [255, 255, 255, 1]);
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  }

  function luminance([r, g, b]) {
    const linear = [r, g, b].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  }

  /** WCAG contrast ratio of two colours; a translucent first colour is laid over the second. */
  function contrast(fg, bg) {
    const solid = fg[3] < 1 ? over(fg, bg) : fg;
    const [hi, lo] = [luminance(solid), luminance(bg)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  /** Is an element too small or transparent to be seen? */
  function isInvisible(el) {
    const rect = el.getBoundingClientRect();
    return rect.width < 2 || rect.height < 2 || effectiveOpacity(el) < 0.1;
  }

  /**
   * The element that shows focus. A visually hidden input (a styled radio or checkbox) shows it
   * on the label right after it, or on one of its labels.
   */
  function indicatorOwner(el) {
    if (!isInvisible(el)) return el;
    const next = el.nextElementSibling;
    const candidates = [next && next.localName === "label" ? next : null, ...(el.labels || [])];
    const own = candidates.find((label) => label && isRendered(label) && !isInvisible(label));
    if (own) return own;
    // One visible label standing for a group of hidden radios (Material's palette switch).
    const siblings = el.parentElement ? [...el.parentElement.children] : [];
    const shared = siblings.filter((c) => c.localName === "label" && isRendered(c));
    return shared.find((label) => !isInvisible(label) && indicator(label)) || el;
  }

  /** The focus indicator drawn on an element: an outline or a box shadow, with its colour. */
  function indicator(el) {
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth) || 0;
    if (style.outlineStyle !== "none" && width > 0) {
      const colour = rgba(style.outlineColor);
      if (colour[3] > 0) return { kind: "outline", width, colour };
    }
    if (style.boxShadow && style.boxShadow !== "none") {
      const match = style.boxShadow.match(/rgba?\([^)]*\)|#[0-9a-f]+|[a-z]+/i);
      return { kind: "box-shadow", width: 0, colour: rgba(match ? match[0] : "transparent") };
    }
    return null;
  }

  /** Is an element (or its ancestor) taken out of the flow and stuck to the viewport? */
  function stuckAncestor(el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const position = getComputedStyle(node).position;
      if (position === "fixed" || position === "sticky") return node;
    }
    return null;
  }

  /** A bar stuck across the page (header, banner): it must never cover a focused element. */
  function isBar(el) {
    return el.getBoundingClientRect().width >= 0.8 * document.documentElement.clientWidth;
  }

  /**
   * How much of an element's box is covered by fixed or sticky things that do not contain it,
   * or lies outside the viewport: `fraction` for everything, `bars` for full-width bars only
   * (a sticky header). 0 = fully visible, 1 = hidden.
   */
  function coverage(el) {
    const rect = el.getBoundingClientRect();
    const columns = 5;
    const rows = 3;
    let hidden = 0;
    let underBars = 0;
    const coveredBy = new Set();
    for (let i = 0; i < columns; i += 1) {
      for (let j = 0; j < rows; j += 1) {
        const x = rect.left + 1 + ((rect.width - 2) * i) / (columns - 1);
        const y = rect.top + 1 + ((rect.height - 2) * j) / (rows - 1);
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
          hidden += 1;
          continue;
        }
        const hit = document.elementFromPoint(x, y);
        if (!hit || hit === el || el.contains(hit) || hit.contains(el)) continue;
        const stuck = stuckAncestor(hit);
        if (stuck && !stuck.contains(el)) {
          hidden += 1;
          if (isBar(stuck)) underBars += 1;
          coveredBy.add(describe(stuck).split(" \"")[0]);
        }
      }
    }
    const total = columns * rows;
    return { fraction: hidden / total, bars: underBars / total, coveredBy: [...coveredBy] };
  }

  /** Wait (at most `limit` ms) for running transitions and animations to finish. */
  async function settle(limit = 1500) {
    const running = document.getAnimations().filter((a) => {
      const end = a.effect && a.effect.getComputedTiming().endTime;
      return a.playState === "running" && Number.isFinite(end);
    });
    if (!running.length) return;
    const timeout = new Promise((resolve) => setTimeout(resolve, limit));
    await Promise.race([Promise.allSettled(running.map((a) => a.finished)), timeout]);
  }

  /** Facts about one focused element: where it is, its indicator, whether it can be seen. */
  function focusFacts(el, withCoverage = true) {
    if (!el || el === document.body || el === document.documentElement) {
      return { index: -1, description: "body", atBody: true };
    }
    const list = window.wtiwA11yFocusables || [];
    const owner = indicatorOwner(el);
    const shown = isInvisible(owner) ? null : indicator(owner);
    const behind = backgroundBehind(owner.parentElement || owner);
    const cover = withCoverage ? coverage(owner) : { fraction: 0, bars: 0, coveredBy: [] };
    return {
      index: list.indexOf(el),
      description: describe(el),
      atBody: false,
      invisible: isInvisible(owner),
      indicator: shown ? shown.kind : null,
      indicatorWidth: shown ? shown.width : 0,
      indicatorContrast: shown ? Math.round(contrast(shown.colour, behind) * 100) / 100 : 0,
      covered: cover.fraction,
      coveredByBars: cover.bars,
      coveredBy: cover.coveredBy,
    };
  }

  /** Facts about the focused element once the page has settled, for the keyboard walk. */
  async function focusState() {
    await settle();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return focusFacts(document.activeElement);
  }

  /**
   * Focus every element Tab would reach, one after another, from script, and describe each
   * focus ring. Much faster than pressing Tab; used where order and scrolling are already
   * proven by a real walk and only the ring's look is in question (other palettes, forced
   * colours). Call after one real key press so the browser shows keyboard focus rings.
   */
  async function focusEach() {
    focusables();
    const facts = [];
    for (const el of window.wtiwA11yFocusables) {
      el.focus();
      await settle(); // focus can open things (Material's search) with a short transition
      facts.push(focusFacts(document.activeElement, false));
    }
    return facts;
  }

  /** One h1, and no heading level skipped on the way down. */
  function headings() {
    const problems = [];
    const list = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
      .filter(isExposed)
      .map((el) => ({
        el,
        level: Number(el.getAttribute("aria-level")) || Number(el.localName.slice(1)) || 2,
      }));
    const h1s = list.filter((h) => h.level === 1);
    if (h1s.length !== 1) {
      problems.push(`expected exactly one h1, found ${h1s.length}: ` +
        h1s.map((h) => describe(h.el)).join("; "));
    }
    let previous = 0;
    for (const { el, level } of list) {
      if (level > previous + 1) {
        problems.push(`heading level skipped: h${previous || "(none)"} then h${level} at ` +
          describe(el));
      }
      previous = level;
    }
    return problems;
  }

  /** The landmark role an element has, explicit or implied by HTML-AAM. */
  function landmarkRole(el) {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const sectioning = "article, aside, main, nav, section";
    switch (el.localName) {
      case "header":
        return el.parentElement.closest(sectioning) ? null : "banner";
      case "footer":
        return el.parentElement.closest(sectioning) ? null : "contentinfo";
      case "main":
        return "main";
      case "nav":
        return "navigation";
      case "aside":
        return "complementary";
      default:
        return null;
    }
  }

  /**
   * Landmarks a screen reader user jumps between. Every page has one main; a full site page
   * (`full`) also has one banner, one contentinfo and a navigation. An embeddable page may leave
   * out the site chrome, but never has two banners or footers.
   */
  function landmarks(full = true) {
    const counts = { banner: 0, main: 0, navigation: 0, contentinfo: 0 };
    for (const el of document.querySelectorAll("header, footer, main, nav, aside, [role]")) {
      const role = landmarkRole(el);
      if (role in counts && isExposed(el)) counts[role] += 1;
    }
    const problems = [];
    if (counts.main !== 1) problems.push(`expected one main landmark, found ${counts.main}`);
    for (const role of ["banner", "contentinfo"]) {
      if (counts[role] > 1 || (full && counts[role] !== 1)) {
        problems.push(`expected one ${role} landmark, found ${counts[role]}`);
      }
    }
    if (full && counts.navigation < 1) problems.push("expected a navigation landmark, found none");
    return problems;
  }

  /** Does an ancestor scroll or clip sideways (then the overflow is its business, not the page's)? */
  function insideScroller(el) {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== "visible") return true;
    }
    return false;
  }

  /** No horizontal scrolling of the page (SC 1.4.10 Reflow). */
  function overflow() {
    const root = document.documentElement;
    const width = root.clientWidth;
    const scrollWidth = Math.max(root.scrollWidth, document.body.scrollWidth);
    if (scrollWidth <= width) return [];
    const culprits = [];
    for (const el of document.body.querySelectorAll("*")) {
      const rect = el.getBoundingClientRect();
      if (rect.right <= width + 0.5 || !isRendered(el) || insideScroller(el)) continue;
      const parent = el.parentElement.getBoundingClientRect();
      if (parent.right > width + 0.5 && el.parentElement !== document.body) continue;
      culprits.push(`${describe(el)} (right edge ${Math.round(rect.right)}px)`);
      if (culprits.length >= 5) break;
    }
    return [`page scrolls sideways: ${scrollWidth}px of content in a ${width}px viewport; ` +
      `widest: ${culprits.join("; ") || "unknown"}`];
  }

  /** Longest transition or animation (duration + delay) in seconds, from computed styles. */
  function longestMotion(style) {
    const seconds = (list) => list.split(",").map((v) => {
      const value = parseFloat(v);
      return v.trim().endsWith("ms") ? value / 1000 : value;
    });
    let longest = 0;
    if (style.transitionProperty !== "none") {
      const durations = seconds(style.transitionDuration);
      const delays = seconds(style.transitionDelay);
      durations.forEach((d, i) => {
        longest = Math.max(longest, d + Math.max(0, delays[i % delays.length] || 0));
      });
    }
    if (style.animationName !== "none") {
      longest = Math.max(longest, ...seconds(style.animationDuration));
    }
    return longest;
  }

  /** With prefers-reduced-motion: reduce, nothing moves for longer than ~0.01 s. */
  function motion(limit = 0.011) {
    const problems = new Map();
    const root = getComputedStyle(document.documentElement);
    if (root.scrollBehavior === "smooth") problems.set("html", "html has scroll-behavior: smooth");
    for (const el of document.querySelectorAll("body, body *")) {
      for (const pseudo of [null, "::before", "::after"]) {
        const style = getComputedStyle(el, pseudo);
        if (pseudo && style.content === "none") continue;
        const seconds = longestMotion(style);
        if (seconds > limit) {
          const where = describe(el).split(" \"")[0] + (pseudo || "");
          problems.set(where, `${where} moves for ${seconds}s`);
        }
        if (!pseudo && style.scrollBehavior === "smooth") {
          problems.set(`${el}smooth`, `${describe(el)} has scroll-behavior: smooth`);
        }
      }
    }
    return [...problems.values()].slice(0, 20);
  }

  /** Colours that draw an element's edge: its borders, inset box shadow and fill. */
  function boundaryColours(el) {
    const style = getComputedStyle(el);
    const colours = [];
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      if (style[`border${side}Style`] === "none") continue;
      if (parseFloat(style[`border${side}Width`]) < 1) continue;
      colours.push(rgba(style[`border${side}Color`]));
    }
    if (style.boxShadow && style.boxShadow !== "none") {
      const match = style.boxShadow.match(/rgba?\([^)]*\)|#[0-9a-f]+/i);
      if (match) colours.push(rgba(match[0]));
    }
    const fill = rgba(style.backgroundColor);
    if (fill[3] > 0) colours.push(fill);
    return colours.filter((c) => c[3] > 0);
  }

  /** Text fields show their boundary at 3:1 against what surrounds them (SC 1.4.11). */
  function controlContrast(minimum = 3) {
    const problems = [];
    for (const el of document.querySelectorAll(TEXT_CONTROLS)) {
      if (!isRendered(el) || isInvisible(el)) continue;
      // A field without its own border or fill is drawn by a wrapper (Material's search form).
      let box = el;
      for (let up = 0; up < 2 && !boundaryColours(box).length && box.parentElement; up += 1) {
        box = box.parentElement;
      }
      const around = backgroundBehind(box.parentElement);
      let best = 0;
      for (const colour of boundaryColours(box)) best = Math.max(best, contrast(colour, around));
      if (best < minimum) {
        problems.push(`${describe(el)}: boundary contrast ${best.toFixed(2)}:1, ` +
          `needs ${minimum}:1 (border or background against its surroundings)`);
      }
    }
    return problems;
  }

  /** The element an in-page link points at, or null. */
  function linkTarget(link) {
    const href = link && link.getAttribute && link.getAttribute("href");
    if (!href || !href.startsWith("#") || href.length < 2) return null;
    return document.getElementById(decodeURIComponent(href.slice(1)));
  }

  /** Facts about the first Tab stop, which should be a working skip link. */
  function skipLink() {
    const el = document.activeElement;
    const target = linkTarget(el);
    const main = document.querySelector("main, [role=main]");
    return {
      description: describe(el),
      href: el && el.getAttribute ? el.getAttribute("href") : null,
      targetFound: Boolean(target),
      targetInMain: Boolean(target && main && (main.contains(target) || target.contains(main))),
    };
  }

  /** After following the skip link, does Tab continue inside or after its target? */
  function afterSkip(href) {
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    const el = document.activeElement;
    const after = Boolean(target && el && el !== document.body &&
      (target.contains(el) ||
        target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
    return { ok: after, description: describe(el) };
  }

  /** Where focus and the announcement are after a guide answer is chosen. */
  function guideState(stepId) {
    const step = document.getElementById(stepId);
    const el = document.activeElement;
    const live = [...document.querySelectorAll(
      "[aria-live=polite], [aria-live=assertive], [role=status], [role=alert], [role=log]",
    )];
    return {
      hash: location.hash,
      stepShown: Boolean(step && isRendered(step)),
      focus: describe(el),
      focusIsStepHeading: Boolean(step && step.contains(el) && /^h[1-6]$/.test(el.localName)),
      announced: live.map((region) => region.textContent.trim()).filter(Boolean),
    };
  }

  /** The first answer link of the shown question step, for the keyboard walk through the guide. */
  function firstAnswer() {
    const step = [...document.querySelectorAll("[data-step=question]")].find(isRendered);
    const link = step && [...step.querySelectorAll("a[href^='#']")].find(isRendered);
    return link ? { step: step.id, href: link.getAttribute("href"), text: describe(link) } : null;
  }

  /**
   * In forced colours (Windows high contrast) text, links, controls and icons stay visible:
   * 3:1 or more against what is behind them, with colours as the browser forced them.
   */
  function forcedColours() {
    if (!matchMedia("(forced-colors: active)").matches) return ["forced colours are not active"];
    const problems = [];
    const items = "h1, h2, h3, main p, a[href], button, label, input, select, textarea, svg";
    for (const el of document.querySelectorAll(items)) {
      if (!isRendered(el) || isInvisible(el)) continue;
      if (el.localName !== "svg" && !el.textContent.trim() && !el.querySelector("svg")) continue;
      const style = getComputedStyle(el);
      const paint = el.localName === "svg"
        ? (style.fill && style.fill !== "none" ? style.fill : style.stroke)
        : style.color;
      if (!paint || paint === "none") continue;
      const ratio = contrast(rgba(paint), backgroundBehind(el));
      if (ratio < 3) {
        problems.push(`${describe(el)} is ${ratio.toFixed(2)}:1 in forced colours`);
      }
    }
    return problems.slice(0, 20);
  }

  /**
   * A Tab walk recorded inside the page, so it costs one read instead of a round trip per key.
   * Each stop is described when the next Tab arrives: by then the browser has moved focus and
   * scrolled it into view (both happen while the previous key is handled). `tabWalk()` adds
   * the stop after the last key and returns them all, in order. Keys pressed while focus is
   * inside a frame reach that frame's document, not this one, so a frame counts as one stop.
   */
  let walk = null;
  window.addEventListener("keydown", (event) => {
    if (walk && event.key === "Tab") walk.push(focusFacts(document.activeElement));
  }, true);

  /**
   * Put keyboard focus back where a fresh load has it: nowhere, so the next Tab enters the page
   * at its first stop (positive tabindex first) and Shift+Tab at its last. Blurring alone is
   * not enough: the browser would carry on from the last focused element. Removing a focused
   * element leaves that starting point where it stood, so focus a stand-in at the very end of
   * the page and remove it: the next Tab leaves the page, and the one after starts afresh.
   */
  function resetFocus() {
    document.activeElement?.blur();
    const end = document.createElement("span");
    end.tabIndex = -1;
    document.body.append(end);
    end.focus({ preventScroll: true });
    end.remove();
    window.scrollTo(0, 0);
  }

  /** Start recording a walk from the top of the page, with nothing focused. */
  function startTabWalk() {
    resetFocus();
    focusables();
    walk = [];
  }

  /** The stop after each key pressed since `startTabWalk()` (the first entry is the start). */
  function tabWalk() {
    return [...walk.slice(1), focusFacts(document.activeElement)];
  }

  /**
   * A row's markup as a kind: each start tag in it, in order, with its classes, role, type and
   * tabindex and the names of its other attributes. Words, addresses and ids are left out, so
   * two rows drawn from one template (a link list's items) are one kind; an element, a class
   * or an attribute more makes another (`RowKinds` in a11y.py reads built HTML the same way).
   */
  function rowKind(row) {
    return [row, ...row.querySelectorAll("*")].map((el) => {
      const names = [...el.attributes].map((a) => a.name).sort().join(" ");
      const values = ["class", "role", "type", "tabindex"].map((name) => el.getAttribute(name));
      return [el.localName, ...values, names].join("|");
    }).join(">");
  }

  // Attribute on the rows taken as a kind (`rowsAsKinds`), for axe to exclude them; and on
  // each control a walk skips, holding its own tabindex to put back.
  const REPEAT = "data-wtiw-a11y-repeat";
  const TABINDEX = "data-wtiw-a11y-tabindex";

  /**
   * Take repeated rows as a kind: in each list or table, every item or row that Tab can reach
   * now and whose markup repeats an earlier one's there is marked, and with `skip` (for the
   * walks) its controls leave the Tab order (tabindex -1), so a walk visits the first row of
   * each kind in each list. Every list keeps a row: a scrolling box whose controls all left
   * the Tab order would take focus itself, which no reader meets. Axe excludes the marked rows,
   * which still count as neighbours for its target sizes. Rows hidden now are neither kept nor
   * marked, so a hidden row never stands in for one on screen. Returns how many rows of how
   * many kinds (per list) were met and how many were marked; `restoreRows()` undoes it.
   */
  function rowsAsKinds(skip = true) {
    const seen = new Map();
    let rows = 0;
    let kinds = 0;
    let skipped = 0;
    for (const row of document.querySelectorAll("li, tr")) {
      if (row.closest(`[${REPEAT}]`)) continue;
      const controls = [...row.querySelectorAll(FOCUSABLE)].filter(isTabbable);
      if (!controls.some(isFocusableNow)) continue;
      rows += 1;
      const kind = rowKind(row);
      if (!seen.has(row.parentElement)) seen.set(row.parentElement, new Set());
      const inList = seen.get(row.parentElement);
      if (!inList.has(kind)) {
        inList.add(kind);
        kinds += 1;
        continue;
      }
      row.setAttribute(REPEAT, "");
      skipped += 1;
      for (const control of skip ? controls : []) {
        control.setAttribute(TABINDEX, control.getAttribute("tabindex") ?? "");
        control.tabIndex = -1;
      }
    }
    return { rows, kinds, skipped };
  }

  /** Put back the rows `rowsAsKinds()` marked and the controls it skipped, as they were. */
  function restoreRows() {
    for (const control of document.querySelectorAll(`[${TABINDEX}]`)) {
      const own = control.getAttribute(TABINDEX);
      if (own) control.setAttribute("tabindex", own);
      else control.removeAttribute("tabindex");
      control.removeAttribute(TABINDEX);
    }
    for (const row of document.querySelectorAll(`[${REPEAT}]`)) row.removeAttribute(REPEAT);
  }

  window.wtiwA11y = {
    afterSkip, controlContrast, describe, firstAnswer, focusables, focusEach, focusState,
    forcedColours, guideState, headings, landmarks, motion, overflow, resetFocus, restoreRows,
    rowsAsKinds, skipLink, startTabWalk, tabWalk,
  };
})();
