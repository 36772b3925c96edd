/* embed.js: sizes iframes that show pages of "When therapy isn't working" on your website.
   Include it once, after the iframes: <script src="https://<our site>/embed.js" defer></script>
   No dependencies, no cookies, no storage, no requests; it only listens for height messages.

   Which messages it trusts: the message must come from the window of one of this page's
   iframes (event.source), that iframe's src must be on our site (the origin this script was
   loaded from), and event.origin must be our origin. A frame with a sandbox attribute that
   lacks allow-same-origin always reports the origin "null"; for such frames "null" is
   accepted, because the browser guarantees the source window is that iframe and its src is
   ours. Heights are clamped, so even a frame that navigated elsewhere can only change its
   own frame's height within limits. */
(function () {
  "use strict";

  var MESSAGE = "wtiw:height";
  var REQUEST = "wtiw:request-height";
  var MAX_HEIGHT = 50000;
  var script = document.currentScript;
  /* Our origin is where this script came from, unless a clinic serves its own copy: then
     data-wtiw-origin="https://<our site>" on the script tag names it (see SECURITY.md). */
  var named = script && script.getAttribute("data-wtiw-origin");
  var siteOrigin = new URL(named || (script ? script.src : window.location.href)).origin;

  function isOurs(frame) {
    try {
      return new URL(frame.getAttribute("src") || "", document.baseURI).origin === siteOrigin;
    } catch (error) {
      return false;
    }
  }

  function isOpaqueSandbox(frame) {
    var sandbox = frame.getAttribute("sandbox");
    return sandbox !== null && !/(^|\s)allow-same-origin(\s|$)/i.test(sandbox);
  }

  function frameFor(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === source) {
        return frames[i];
      }
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== MESSAGE || typeof data.height !== "number") {
      return;
    }
    var frame = frameFor(event.source);
    if (!frame || !isOurs(frame)) {
      return;
    }
    var trusted = event.origin === siteOrigin || (event.origin === "null" && isOpaqueSandbox(frame));
    if (!trusted || !isFinite(data.height)) {
      return;
    }
    var height = Math.max(0, Math.min(MAX_HEIGHT, Math.ceil(data.height)));
    frame.style.height = height + "px";
    frame.setAttribute("data-wtiw-height", String(height));
  });

  /* Ask frames that loaded before this script for their height. */
  function ask() {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i += 1) {
      if (isOurs(frames[i]) && frames[i].contentWindow) {
        frames[i].contentWindow.postMessage({ type: REQUEST }, "*");
        frames[i].addEventListener("load", function () {
          this.contentWindow.postMessage({ type: REQUEST }, "*");
        });
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ask);
  } else {
    ask();
  }
})();
