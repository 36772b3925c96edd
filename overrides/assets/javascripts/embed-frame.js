/* Inside the embed form of a page (overrides/embed.html): tell the clinic's page how tall the
   frame should be, so its embed.js can size the iframe. Sends only a height, never the address
   or the guide step. A page reports its content's height, the same for every reader; it
   reports again when that changes (opened details, a narrower frame) and when the host asks.
   The guide always reports one height, whatever the step, the answers or the width, so the
   host learns nothing from it; a longer step scrolls inside the frame (DESIGN.md). Also shows
   the address of a link the frame may not open. Touches no storage, so it runs in a sandboxed
   frame without allow-same-origin. */
(function () {
  "use strict";

  /* The guide's one height, written by the build (GUIDE_FRAME_HEIGHT in embed/embed.py, also
     the snippet's height attribute), so the frame never jumps. embed.css keeps steps short. */
  var embed = document.querySelector("[data-wtiw-embed]");
  var guide = document.querySelector("[data-wtiw-guide]");
  var guideHeight = embed && Number(embed.getAttribute("data-wtiw-guide-height"));
  var lastHeight = -1;

  /* Not framed, or a guide with no fixed height to report: then report nothing at all. */
  if (window.parent === window || !embed || (guide && !guideHeight)) {
    return;
  }

  /* The content's own height. The embed stylesheet drops the theme's min-height on the body,
     so this does not grow with the frame and cannot feed back into itself. */
  function contentHeight() {
    var body = document.body;
    var style = window.getComputedStyle(body);
    var margins = parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    return Math.ceil(body.getBoundingClientRect().height + margins);
  }

  function report(force) {
    var height = guide ? guideHeight : contentHeight();
    if (force || height !== lastHeight) {
      lastHeight = height;
      window.parent.postMessage({ type: "wtiw:height", height: height }, "*");
    }
  }

  /* A link that opens a new tab does nothing in a frame whose sandbox lacks allow-popups. Open
     the tab from here, cut off from this page; if the browser refuses, show the address. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[target=_blank]");
    var note = link && " (cannot open here: go to " + link.href + ")";
    if (link && !event.button && /^http/.test(link.href)) {
      event.preventDefault();
      var tab = window.open(link.href, "_blank");
      if (tab) {
        try {
          tab.opener = null;
        } catch (error) {
          /* A sandboxed new tab is of another origin, and may not navigate this frame. */
        }
      } else if ((link.nextSibling || {}).data !== note) {
        link.after(note);
      }
    }
  });

  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () {
      report(false);
    }).observe(document.body);
  }
  window.addEventListener("load", function () {
    report(true);
  });
  /* The host asks when its script loads after this frame did, so no first report is lost. */
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "wtiw:request-height") {
      report(true);
    }
  });
  report(true);
})();
