/*
 * vpd: small progressive enhancements. Every page works without this script.
 * - /zoeken/: announce the number of results in a live region (#vpd-zoek-status).
 * - /zoeken/: load Pagefind's search UI into #zoeken from the folder the page names in
 *   data-vpd-pagefind (the site's pagefind/ folder below its base, e.g. /vpd/pagefind/),
 *   with the Dutch texts the page carries in data-vertaling-* attributes (from the
 *   message catalogue). Without JavaScript, or without a search index, the A-Z index
 *   on the same page remains.
 * - Printable pages: a print button where the page has a [data-vpd-afdrukken] placeholder.
 * - Every page: the footer of a printed page (style#vpd-drukdatum, an @page margin box)
 *   says when it was printed, in Dutch, set on load and again just before printing.
 *   Without JavaScript it says when the site was published.
 * - Questionnaires (form[data-vpd-leerdoelwijzer], form[data-vpd-ontwikkelmatrix]): a summary
 *   per aspect, candidate learning goals with fitting werkvormen, and saving/loading the
 *   answers as a small JSON file. Everything happens in the browser: the form is never
 *   submitted and no answer is sent anywhere. Without JavaScript the page is a printable
 *   checklist. Texts come from the page (data-tekst-* attributes, from the message catalogue).
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
    // The bundle's address below the site's base: never guessed from the root.
    var basis = el.getAttribute("data-vpd-pagefind");
    if (!basis) {
      return;
    }
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
      // A large site's index comes in parts; Pagefind merges them in the browser.
      var delen = (el.getAttribute("data-vpd-pagefind-delen") || "").split(" ").filter(Boolean);
      // Results link to the address each page has in the index, which already includes
      // the site's base (/vpd/teams/x/): Pagefind must not put its folder's parent in front.
      new window.PagefindUI({
        element: "#zoeken",
        bundlePath: basis,
        baseUrl: "/",
        mergeIndex: delen.map(function (deel) { return { bundlePath: deel, baseUrl: "/" }; }),
        showSubResults: true,
        showImages: false,
        translations: vertalingen(el)
      });
      var invoer = el.querySelector("input");
      if (invoer) {
        // A visible label for the search field (Pagefind only gives it a title).
        invoer.id = "vpd-zoekterm";
        // NL Design System's text box (Pagefind's own look stays; its variables come from
        // the text box's tokens in vpd.css).
        invoer.classList.add("utrecht-textbox", "utrecht-textbox--html-input");
        var label = document.createElement("label");
        label.htmlFor = "vpd-zoekterm";
        label.className = "utrecht-form-label vpd-zoeken__label";
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
      knop.className = "utrecht-button utrecht-button--secondary-action vpd-knop";
      knop.textContent = plek.getAttribute("data-vpd-afdrukken");
      knop.addEventListener("click", function () {
        window.print();
      });
      plek.appendChild(knop);
      plek.hidden = false;
    }
  }

  /* ---- Printing ------------------------------------------------------------------- */

  // `tekst` as a CSS string that cannot end early (as src/render/css.rs writes it).
  function cssTekst(tekst) {
    return '"' + String(tekst).replace(/["\\'<>&\u0000-\u001f\u007f-\u009f]/g, function (c) {
      if (c === '"' || c === "\\") {
        return "\\" + c;
      }
      return c === "\u0000" ? "\ufffd" : "\\" + c.charCodeAt(0).toString(16) + " ";
    }) + '"';
  }

  // The print date in the footer of every printed page, with the publication date.
  function drukdatum() {
    var el = document.getElementById("vpd-drukdatum");
    var tekst = el && el.getAttribute("data-vpd-afgedrukt");
    if (!tekst || typeof Date.prototype.toLocaleDateString !== "function") {
      return;
    }
    var zetten = function () {
      var vandaag = new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
      var voet = invullen(tekst, { afgedrukt: vandaag, gepubliceerd: el.getAttribute("data-vpd-gepubliceerd") || "" });
      el.textContent = "@page { @bottom-left { content: " + cssTekst(voet) + "; } }";
    };
    zetten();
    // A page left open overnight prints with the day it is printed on.
    window.addEventListener("beforeprint", zetten);
  }

  /* ---- Questionnaires ------------------------------------------------------------- */

  // The largest answer file read (as `vpd leerdoelen` does).
  var MAX_BESTAND = 256 * 1024;

  function invullen(tekst, waarden) {
    return String(tekst).replace(/\{([a-z_]+)\}/g, function (geheel, sleutel) {
      return Object.prototype.hasOwnProperty.call(waarden, sleutel) ? String(waarden[sleutel]) : geheel;
    });
  }

  function tweeCijfers(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // Today's local date as YYYY-MM-DD.
  function vandaag() {
    var d = new Date();
    return d.getFullYear() + "-" + tweeCijfers(d.getMonth() + 1) + "-" + tweeCijfers(d.getDate());
  }

  function isObject(waarde) {
    return waarde !== null && typeof waarde === "object" && !Array.isArray(waarde);
  }

  function melden(plek, tekst, soort) {
    if (!plek) {
      return;
    }
    plek.classList.remove("vpd-status--fout", "vpd-status--gelukt");
    if (soort) {
      plek.classList.add("vpd-status--" + soort);
    }
    // Clear first, so the same message twice is announced twice.
    plek.textContent = "";
    window.clearTimeout(plek.vpdTimer);
    plek.vpdTimer = window.setTimeout(function () {
      plek.textContent = tekst;
    }, 50);
  }

  function startVragenlijst(form) {
    var sleutel = form.hasAttribute("data-vpd-leerdoelwijzer") ? "leerdoelwijzer" : "ontwikkelmatrix";
    var slug = form.getAttribute("data-vpd-" + sleutel);
    var bestandssoort = form.getAttribute("data-vpd-bestandssoort");
    var titel = form.getAttribute("data-vpd-titel") || document.title;
    function tekst(naam) {
      return form.getAttribute("data-tekst-" + naam) || "";
    }

    // The questions (one radio group each), their radios by name, the answers in order.
    var vragen = [];
    var perNaam = {};
    var antwoorden = [];
    var groepen = form.querySelectorAll("[data-vpd-vraag]");
    for (var i = 0; i < groepen.length; i++) {
      var groep = groepen[i];
      var rondjes = groep.querySelectorAll("input[type=radio]");
      if (!rondjes.length) {
        continue;
      }
      var naam = rondjes[0].name;
      var legend = groep.querySelector("legend");
      vragen.push({ naam: naam, groep: groep, rondjes: rondjes, tekst: legend ? legend.textContent.trim() : naam });
      perNaam[naam] = rondjes;
      for (var j = 0; j < rondjes.length; j++) {
        if (antwoorden.indexOf(rondjes[j].value) < 0) {
          antwoorden.push(rondjes[j].value);
        }
      }
    }
    // Answers in the lower half of the scale (Soms, Nooit) make a candidate learning goal.
    var laag = antwoorden.slice(Math.ceil(antwoorden.length / 2));
    var vrijeTeksten = form.querySelectorAll("[data-vpd-vrije-tekst]");

    function gekozen(vraag) {
      for (var k = 0; k < vraag.rondjes.length; k++) {
        if (vraag.rondjes[k].checked) {
          return vraag.rondjes[k].value;
        }
      }
      return null;
    }

    var uitkomst = document.querySelector("[data-vpd-uitkomst]");
    // With the outcome computed on the page, the personal learning goal is asked after it:
    // first see where you stand, then choose what to work on.
    var leerdoelVak = form.querySelector("#leerdoel");
    if (uitkomst && leerdoelVak) {
      leerdoelVak.parentNode.insertBefore(uitkomst, leerdoelVak);
    }
    var samenvatting = document.querySelector("[data-vpd-samenvatting]");
    var leerdoelen = document.querySelector("[data-vpd-leerdoelen]");
    var alleWerkvormen = form.querySelector("template[data-vpd-alle-werkvormen]");
    var blokken = form.querySelectorAll("[data-vpd-blok]");
    var samenvattingLijst = null;
    var vorigeRegels = {};

    function samenvattingRegel(blok) {
      var tellingen = {};
      var totaal = 0;
      var beantwoord = 0;
      antwoorden.forEach(function (a) {
        tellingen[a] = 0;
      });
      vragen.forEach(function (vraag) {
        if (!blok.contains(vraag.groep)) {
          return;
        }
        totaal += 1;
        var a = gekozen(vraag);
        if (a !== null) {
          beantwoord += 1;
          tellingen[a] += 1;
        }
      });
      return { tellingen: tellingen, totaal: totaal, beantwoord: beantwoord };
    }

    function bijwerkenSamenvatting() {
      if (!samenvatting) {
        return 0;
      }
      if (!samenvattingLijst) {
        samenvattingLijst = document.createElement("ul");
        samenvattingLijst.className = "vpd-samenvatting__lijst";
        samenvatting.appendChild(samenvattingLijst);
      }
      var alles = 0;
      for (var b = 0; b < blokken.length; b++) {
        var blok = blokken[b];
        var id = blok.getAttribute("data-vpd-blok");
        var r = samenvattingRegel(blok);
        alles += r.beantwoord;
        var delen = antwoorden.map(function (a) {
          return invullen(tekst("telling"), { antwoord: a, aantal: r.tellingen[a] });
        });
        var voortgang = invullen(tekst("beantwoord"), { beantwoord: r.beantwoord, totaal: r.totaal });
        var handtekening = delen.join("|") + "|" + voortgang;
        var oud = samenvattingLijst.querySelector('[data-vpd-samenvatting-blok="' + b + '"]');
        if (oud && vorigeRegels[id] === handtekening) {
          continue;
        }
        vorigeRegels[id] = handtekening;
        // A new item replaces the old one: a screen reader reads the changed aspect whole.
        var li = document.createElement("li");
        li.className = "vpd-samenvatting__item";
        li.setAttribute("data-vpd-samenvatting-blok", String(b));
        li.setAttribute("data-vpd-blok", id);
        var kop = document.createElement("span");
        kop.className = "vpd-samenvatting__titel";
        kop.textContent = blok.getAttribute("data-vpd-blok-titel") || id;
        li.appendChild(kop);
        li.appendChild(document.createTextNode(" "));
        var stand = document.createElement("span");
        stand.className = "vpd-samenvatting__voortgang";
        stand.textContent = "(" + voortgang + ")";
        li.appendChild(stand);
        var tellingen = document.createElement("span");
        tellingen.className = "vpd-samenvatting__tellingen";
        antwoorden.forEach(function (a, n) {
          if (n > 0) {
            tellingen.appendChild(document.createTextNode(", "));
          }
          var deel = document.createElement("span");
          deel.className = "vpd-samenvatting__telling";
          deel.setAttribute("data-vpd-antwoord", a);
          deel.setAttribute("data-vpd-aantal", String(r.tellingen[a]));
          deel.textContent = delen[n];
          tellingen.appendChild(deel);
        });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(tellingen);
        if (oud) {
          samenvattingLijst.replaceChild(li, oud);
        } else {
          samenvattingLijst.appendChild(li);
        }
      }
      return alles;
    }

    function werkvormLinks(vraag) {
      var bron = vraag.groep.querySelector("template[data-vpd-werkvormen]") || alleWerkvormen;
      var links = [];
      if (bron && bron.content) {
        var gevonden = bron.content.querySelectorAll("a");
        for (var k = 0; k < gevonden.length; k++) {
          links.push(gevonden[k].cloneNode(true));
        }
      }
      return links;
    }

    function bijwerkenLeerdoelen() {
      if (!leerdoelen) {
        return;
      }
      var lijst = document.createElement("ul");
      lijst.className = "vpd-leerdoelen__lijst";
      vragen.forEach(function (vraag) {
        var a = gekozen(vraag);
        if (a === null || laag.indexOf(a) < 0) {
          return;
        }
        var li = document.createElement("li");
        li.className = "vpd-leerdoel";
        li.setAttribute("data-vpd-leerdoel", vraag.naam);
        var zin = document.createElement("p");
        zin.className = "vpd-leerdoel__tekst";
        zin.textContent = vraag.tekst + " ";
        var antwoord = document.createElement("span");
        antwoord.className = "vpd-badge";
        antwoord.textContent = invullen(tekst("leerdoel-antwoord"), { antwoord: a });
        zin.appendChild(antwoord);
        li.appendChild(zin);
        var links = werkvormLinks(vraag);
        if (links.length) {
          var werk = document.createElement("p");
          werk.className = "vpd-leerdoel__werkvormen";
          werk.appendChild(document.createTextNode(tekst("leerdoel-werkvormen") + " "));
          links.forEach(function (link, n) {
            if (n > 0) {
              werk.appendChild(document.createTextNode(", "));
            }
            werk.appendChild(link);
          });
          li.appendChild(werk);
        }
        lijst.appendChild(li);
      });
      leerdoelen.textContent = "";
      if (lijst.children.length) {
        leerdoelen.appendChild(lijst);
      } else {
        var geen = document.createElement("p");
        geen.className = "vpd-leerdoelen__geen";
        geen.textContent = tekst("leerdoelen-geen");
        leerdoelen.appendChild(geen);
      }
    }

    function bijwerken() {
      var beantwoord = bijwerkenSamenvatting();
      bijwerkenLeerdoelen();
      if (uitkomst) {
        // An empty outcome is left out of a printed (blank) checklist.
        uitkomst.classList.toggle("vpd-uitkomst--leeg", beantwoord === 0);
      }
    }

    // ---- Saving: a JSON file made here and downloaded; `vpd leerdoelen` reads it.
    var opslaan = document.querySelector("[data-vpd-opslaan]");
    var meldingOpslaan = document.querySelector("[data-vpd-melding-opslaan]");

    function gegevens() {
      var data = { soort: bestandssoort, versie: 1 };
      data[sleutel] = slug;
      data.titel = titel;
      data.opgeslagen = vandaag();
      data.antwoorden = {};
      var aantal = 0;
      vragen.forEach(function (vraag) {
        var a = gekozen(vraag);
        if (a !== null) {
          data.antwoorden[vraag.naam] = a;
          aantal += 1;
        }
      });
      for (var k = 0; k < vrijeTeksten.length; k++) {
        var veld = vrijeTeksten[k];
        data[veld.getAttribute("data-vpd-vrije-tekst")] = veld.value;
        if (veld.value.trim()) {
          aantal += 1;
        }
      }
      return { data: data, aantal: aantal };
    }

    if (opslaan) {
      opslaan.addEventListener("click", function () {
        var g = gegevens();
        if (!g.aantal) {
          melden(meldingOpslaan, tekst("niets-ingevuld"), "fout");
          return;
        }
        var bestand = (slug === sleutel ? sleutel : sleutel + "-" + slug) + "-" + g.data.opgeslagen + ".json";
        var blob = new Blob([JSON.stringify(g.data, null, 2) + "\n"], { type: "application/json" });
        var adres = URL.createObjectURL(blob);
        var link = document.createElement("a");
        link.href = adres;
        link.download = bestand;
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        window.setTimeout(function () {
          URL.revokeObjectURL(adres);
          link.parentNode.removeChild(link);
        }, 1000);
        melden(meldingOpslaan, invullen(tekst("opgeslagen"), { bestand: bestand }), "gelukt");
      });
    }

    // ---- Loading: read a saved file with FileReader and fill the form in again.
    var laden = document.querySelector("[data-vpd-laden]");
    var meldingLaden = document.querySelector("[data-vpd-melding-laden]");

    function terugzetten(inhoud, bestand) {
      var data = null;
      try {
        data = JSON.parse(inhoud.replace(/^\uFEFF/, ""));
      } catch (e) {
        data = null;
      }
      if (isObject(data) && typeof data.soort === "string" && data.soort.indexOf("vpd-") === 0 &&
          (data.soort !== bestandssoort || (typeof data[sleutel] === "string" && data[sleutel] !== slug))) {
        var ander = [data.titel, data.leerdoelwijzer, data.ontwikkelmatrix, data.soort].filter(function (w) {
          return typeof w === "string" && w;
        })[0];
        melden(meldingLaden, invullen(tekst("andere"), { bestand: bestand, ander: ander.slice(0, 200) }), "fout");
        return;
      }
      if (!isObject(data) || data.soort !== bestandssoort || data[sleutel] !== slug || !isObject(data.antwoorden)) {
        melden(meldingLaden, invullen(tekst("beschadigd"), { bestand: bestand }), "fout");
        return;
      }
      form.reset();
      var teruggezet = 0;
      var overgeslagen = 0;
      Object.keys(data.antwoorden).forEach(function (naam) {
        var waarde = data.antwoorden[naam];
        var rondjes = Object.prototype.hasOwnProperty.call(perNaam, naam) ? perNaam[naam] : [];
        for (var k = 0; k < rondjes.length; k++) {
          if (rondjes[k].value === waarde) {
            rondjes[k].checked = true;
            teruggezet += 1;
            return;
          }
        }
        overgeslagen += 1;
      });
      for (var k = 0; k < vrijeTeksten.length; k++) {
        var waarde = data[vrijeTeksten[k].getAttribute("data-vpd-vrije-tekst")];
        if (typeof waarde === "string") {
          vrijeTeksten[k].value = waarde;
        }
      }
      bijwerken();
      var bericht = invullen(tekst("geladen"), { bestand: bestand, aantal: teruggezet });
      if (overgeslagen) {
        bericht += " " + invullen(tekst("overgeslagen"), { aantal: overgeslagen });
      }
      melden(meldingLaden, bericht, "gelukt");
    }

    if (laden && typeof window.FileReader === "function") {
      laden.addEventListener("change", function () {
        var bestand = laden.files && laden.files[0];
        if (!bestand) {
          return;
        }
        var naam = bestand.name;
        if (bestand.size > MAX_BESTAND) {
          melden(meldingLaden, invullen(tekst("te-groot"), { bestand: naam }), "fout");
          laden.value = "";
          return;
        }
        var lezer = new FileReader();
        lezer.onload = function () {
          terugzetten(String(lezer.result), naam);
          laden.value = "";
        };
        lezer.onerror = function () {
          melden(meldingLaden, invullen(tekst("onleesbaar"), { bestand: naam }), "fout");
          laden.value = "";
        };
        lezer.readAsText(bestand);
      });
    }

    // The form is never submitted: nothing leaves this computer.
    form.addEventListener("submit", function (e) {
      e.preventDefault();
    });
    form.addEventListener("change", bijwerken);

    var verborgen = document.querySelectorAll("[data-vpd-invulhulp], [data-vpd-uitkomst]");
    for (var h = 0; h < verborgen.length; h++) {
      if (verborgen[h].hasAttribute("data-vpd-invulhulp") && !laden) {
        continue;
      }
      verborgen[h].hidden = false;
    }
    // Answers the browser kept (back button, reload) count from the start.
    bijwerken();
    form.setAttribute("data-vpd-klaar", "");
  }

  function vragenlijsten() {
    if (typeof window.Blob !== "function" || !window.URL || typeof URL.createObjectURL !== "function") {
      return;
    }
    var forms = document.querySelectorAll("form[data-vpd-leerdoelwijzer], form[data-vpd-ontwikkelmatrix]");
    for (var i = 0; i < forms.length; i++) {
      startVragenlijst(forms[i]);
    }
  }

  // Pagefind shows "N resultaten voor …" in an element it rewrites while the user types;
  // a screen reader hears it only through a live region (WCAG 4.1.3): the page's own
  // #vpd-zoek-status gets the same text, a moment after typing stops.
  function zoekStatus() {
    var zoeken = document.getElementById("zoeken");
    var status = document.getElementById("vpd-zoek-status");
    if (!zoeken || !status || typeof window.MutationObserver !== "function") {
      return;
    }
    var wachten = null;
    new MutationObserver(function () {
      window.clearTimeout(wachten);
      wachten = window.setTimeout(function () {
        var bericht = zoeken.querySelector(".pagefind-ui__message");
        var tekst = bericht ? bericht.textContent.trim() : "";
        if (tekst && status.textContent !== tekst) {
          status.textContent = tekst;
        }
      }, 400);
    }).observe(zoeken, { childList: true, subtree: true, characterData: true });
  }

  function start() {
    startZoeken();
    zoekStatus();
    afdrukknoppen();
    drukdatum();
    vragenlijsten();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
