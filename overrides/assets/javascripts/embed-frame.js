/* Inside the embed form of a page (overrides/embed.html): tell the clinic's page how tall the
   content is, so its embed.js can size the iframe with no inner scroll bar. Reports on load,
   whenever the content's size changes (guide steps, opened details, a narrower frame) and
   when the host asks. Sends only the height: never the address or the guide step, so the
   host page learns nothing about the reader's answers. Touches no storage, so it runs in a
   sandboxed frame without allow-same-origin. */
(function () {
  "use strict";

  var MESSAGE = "wtiw:height";
  var REQUEST = "wtiw:request-height";
  var lastHeight = -1;

  if (window.parent === window || !document.querySelector("[data-wtiw-embed]")) {
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
    var height = contentHeight();
    if (!force && height === lastHeight) {
      return;
    }
    lastHeight = height;
    window.parent.postMessage({ type: MESSAGE, height: height }, "*");
  }

  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () {
      report(false);
    }).observe(document.body);
  }
  window.addEventListener("load", function () {
    report(true);
  });
  window.addEventListener("hashchange", function () {
    report(false);
  });
  /* The host asks when its script loads after this frame did, so no first report is lost. */
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === REQUEST) {
      report(true);
    }
  });
  report(true);
})();
