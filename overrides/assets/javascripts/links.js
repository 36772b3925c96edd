/* Copy-link buttons and the link picker, for therapists who send clients to one exact place.
   Progressive enhancement: every heading already has an id (its address), and the page's
   list of links works without JavaScript. This script adds a "Copy link" button after every
   section heading and guide step heading, and mounts the picker on [data-wtiw-picker].
   Confirmation goes through the polite live region [data-wtiw-copy-status], which is in the
   HTML from the start, and carries this script's words in the page's language
   ([data-wtiw-copy-texts], JSON printed by page-extras.html): the script has none of its own.
   Where the clipboard is unavailable or refused, the address appears
   in a selected text field instead. Idempotent: safe to run twice on the same page. */
(function () {
  "use strict";

  var HEADINGS = ".md-content article h2[id], [data-step] > h2, [data-step] > * > h2";
  var MOUNTED = "data-wtiw-copy-mounted";
  var statusTimer = null;
  var texts = null;

  /* One of the page's words for this script, with {name} placeholders filled in. */
  function say(key, values) {
    if (!texts) {
      var status = document.querySelector("[data-wtiw-copy-texts]");
      try {
        texts = JSON.parse((status && status.getAttribute("data-wtiw-copy-texts")) || "{}");
      } catch (error) {
        texts = {};
      }
    }
    return String(texts[key] || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? values[name] : whole;
    });
  }

  /* The page's canonical absolute address without a fragment: site_url based, so a link
     copied from a preview or a local copy still points at the public site. */
  function canonicalBase() {
    var link = document.querySelector('link[rel="canonical"]');
    var href = link && link.href ? link.href : window.location.href;
    return href.split("#")[0];
  }

  /* Say something through the live region. Emptied first so the same words are read again. */
  function announce(message) {
    var status = document.querySelector("[data-wtiw-copy-status]");
    if (!status) {
      return;
    }
    status.textContent = "";
    window.clearTimeout(statusTimer);
    statusTimer = window.setTimeout(function () {
      status.textContent = message;
    }, 100);
  }

  /* Resolve with nothing when the text is on the clipboard; reject when it cannot be. */
  function writeClipboard(text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        return navigator.clipboard.writeText(text);
      }
    } catch (error) {
      /* Some sandboxed frames throw instead of rejecting. */
    }
    return Promise.reject(new Error("clipboard unavailable"));
  }

  /* Show the address in a selected, read-only field right after the button. */
  function showFallback(button, url, label) {
    var next = button.nextElementSibling;
    var field = next && next.matches("[data-wtiw-copy-fallback]") ? next : null;
    if (!field) {
      field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "wtiw-copy-link__fallback";
      field.setAttribute("data-wtiw-copy-fallback", "");
      field.setAttribute("aria-label", label);
      button.insertAdjacentElement("afterend", field);
    }
    field.value = url;
    field.focus();
    field.select();
    announce(say("noClipboardLink"));
  }

  /* The anchor a heading stands for: its guide step's id, or its own id. */
  function anchorFor(heading) {
    var step = heading.closest("[data-step]");
    if (step && step.id && step.querySelector("h2") === heading) {
      return step.id;
    }
    return heading.id;
  }

  function addButton(heading) {
    var anchor = anchorFor(heading);
    if (!anchor || heading.hasAttribute(MOUNTED)) {
      return;
    }
    heading.setAttribute(MOUNTED, "");
    var title = (heading.textContent || "").replace(/\u00b6/g, "").trim();
    var button = document.createElement("button");
    button.type = "button";
    button.className = "wtiw-copy-link";
    button.setAttribute("data-wtiw-copy-anchor", anchor);
    button.setAttribute("aria-label", say("buttonLabel", { title: title }));
    button.textContent = say("button");
    button.addEventListener("click", function () {
      var url = canonicalBase() + "#" + anchor;
      writeClipboard(url).then(
        function () {
          announce(say("copied"));
        },
        function () {
          showFallback(button, url, say("fieldLabel", { title: title }));
        }
      );
    });
    heading.insertAdjacentElement("afterend", button);
  }

  /* Buttons that copy the value of a field (the picker's link and embed code). */
  function mountFieldCopy(button) {
    if (button.hasAttribute(MOUNTED)) {
      return;
    }
    button.setAttribute(MOUNTED, "");
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-wtiw-copy-from"));
      if (!field) {
        return;
      }
      writeClipboard(field.value).then(
        function () {
          announce(button.getAttribute("data-wtiw-copied") || say("copied"));
        },
        function () {
          field.focus();
          field.select();
          announce(say("noClipboardText"));
        }
      );
    });
  }

  function escapeAttribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  /* The picker: choosing a target fills in its link, embed code and QR code. */
  function mountPicker(picker) {
    if (picker.hasAttribute(MOUNTED)) {
      return;
    }
    picker.setAttribute(MOUNTED, "");
    var select = picker.querySelector("[data-wtiw-picker-select]");
    var link = picker.querySelector("[data-wtiw-picker-link]");
    var embed = picker.querySelector("[data-wtiw-picker-embed]");
    var qr = picker.querySelector("[data-wtiw-picker-qr]");
    var qrLink = picker.querySelector("[data-wtiw-picker-qr-link]");
    var oembed = picker.querySelector("[data-wtiw-picker-oembed]");
    var oembedField = picker.querySelector("[data-wtiw-picker-oembed-field]");
    /* The build's embed code with {title}, {src} and {height} left open; it already holds
       the integrity hash of embed.js, so the code given here is the oEmbed files' code. */
    var snippet = picker.getAttribute("data-wtiw-snippet") || "";
    if (!select || !link || !embed || !qr || !qrLink) {
      return;
    }
    function update() {
      var option = select.options[select.selectedIndex];
      if (!option) {
        return;
      }
      link.value = option.getAttribute("data-url");
      embed.value = snippet
        .replace("{title}", escapeAttribute(option.getAttribute("data-title")))
        .replace("{src}", escapeAttribute(option.getAttribute("data-embed")))
        .replace("{height}", escapeAttribute(option.getAttribute("data-height")));
      if (oembed && oembedField) {
        /* Sections have no oEmbed document: site builders embed a page or a guide step. */
        oembed.value = option.getAttribute("data-oembed") || "";
        oembedField.hidden = !oembed.value;
      }
      qr.src = option.getAttribute("data-qr");
      qr.alt = say("qrAlt", { url: option.getAttribute("data-url") });
      qrLink.href = option.getAttribute("data-qr");
    }
    select.addEventListener("change", update);
    update();
    picker.hidden = false;
  }

  /* Relative links print with their absolute, canonical address (print.css shows it). */
  function markPrintAddresses() {
    var base = canonicalBase();
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (/^(#|[a-z][a-z0-9+.-]*:|\/\/)/i.test(href) || link.hasAttribute("data-wtiw-print-href")) {
        return;
      }
      try {
        link.setAttribute("data-wtiw-print-href", new URL(href, base).href);
      } catch (error) {
        /* Leave a link the browser cannot parse without an address in print. */
      }
    });
  }

  function mount() {
    /* Inside a clinic's frame, copying our links is not the reader's task. */
    if (document.querySelector("[data-wtiw-embed]")) {
      return;
    }
    document.querySelectorAll(HEADINGS).forEach(function (heading) {
      try {
        addButton(heading);
      } catch (error) {
        /* One broken heading must not stop the others. */
      }
    });
    document.querySelectorAll("[data-wtiw-copy-from]").forEach(mountFieldCopy);
    document.querySelectorAll("[data-wtiw-picker]").forEach(mountPicker);
    markPrintAddresses();
  }

  /* A focusable scroll region (the map's diagram) entered from below stays partly under the
     sticky header: Chromium does not scroll to an element that already shows 32 px. Show it
     whole; its scroll-margin (guide.css) keeps it clear of the header. */
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[role=region][tabindex]")) {
      event.target.scrollIntoView({ block: "nearest" });
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
