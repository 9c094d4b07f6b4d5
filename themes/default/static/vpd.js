/*
 * vpd: small progressive enhancements. Every page works without this script.
 * - /zoeken/: load Pagefind's search UI (from this site's /pagefind/ folder) into #zoeken,
 *   with the Dutch texts the page carries in data-vertaling-* attributes (from the
 *   message catalogue). Without JavaScript, or without a search index, the A-Z index
 *   on the same page remains.
 * - Printable pages: a print button where the page has a [data-vpd-afdrukken] placeholder.
 */
(function () {
  "use strict";

  function vertalingen(el) {
    var uit = {};
    var prefix = "data-vertaling-";
    for (var i = 0; i < el.attributes.length; i++) {
      var attr = el.attributes[i];
      if (attr.name.indexOf(prefix) === 0 && attr.value) {
        uit[attr.name.slice(prefix.length)] = attr.value;
      }
    }
    return uit;
  }

  function startZoeken() {
    var el = document.getElementById("zoeken");
    if (!el) {
      return;
    }
    var basis = el.getAttribute("data-vpd-pagefind") || "/pagefind/";
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = basis + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = basis + "pagefind-ui.js";
    script.onload = function () {
      if (typeof window.PagefindUI !== "function") {
        return;
      }
      new window.PagefindUI({
        element: "#zoeken",
        bundlePath: basis,
        showSubResults: true,
        showImages: false,
        translations: vertalingen(el)
      });
      var invoer = el.querySelector("input");
      if (invoer) {
        // A visible label for the search field (Pagefind only gives it a title).
        invoer.id = "vpd-zoekterm";
        var label = document.createElement("label");
        label.htmlFor = "vpd-zoekterm";
        label.className = "vpd-zoeken__label";
        label.textContent = el.getAttribute("data-vertaling-search_label") || invoer.title;
        el.parentNode.insertBefore(label, el);
      }
      var q = new URLSearchParams(window.location.search).get("q");
      if (q && invoer) {
        invoer.value = q;
        invoer.dispatchEvent(new Event("input", { bubbles: true }));
      }
    };
    document.head.appendChild(script);
  }

  function afdrukknoppen() {
    if (typeof window.print !== "function") {
      return;
    }
    var plekken = document.querySelectorAll("[data-vpd-afdrukken]");
    for (var i = 0; i < plekken.length; i++) {
      var plek = plekken[i];
      var knop = document.createElement("button");
      knop.type = "button";
      knop.className = "vpd-knop";
      knop.textContent = plek.getAttribute("data-vpd-afdrukken");
      knop.addEventListener("click", function () {
        window.print();
      });
      plek.appendChild(knop);
      plek.hidden = false;
    }
  }

  function start() {
    startZoeken();
    afdrukknoppen();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
