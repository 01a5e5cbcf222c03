// Loaded by site.js when the reader first opens search: Pagefind's UI in the search dialog, results
// labelled with their kind and frame, and the result count announced to screen readers.
(function () {
  var here = document.currentScript.src;
  var root = new URL("../../", here);  // this file is at assets/js/ in the site
  var bundle = new URL("pagefind/", root);
  var dialog = document.getElementById("site-search");
  var status = document.getElementById("site-search-status");
  var KINDS = { frame: "Frame", group: "Group", crux: "Crux", "glossary entry": "Glossary", page: "Page" };

  function fetchTag(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attrs).forEach(function (key) { element.setAttribute(key, attrs[key]); });
      element.addEventListener("load", resolve);
      element.addEventListener("error", function () { reject(new Error(attrs.src || attrs.href)); });
      document.head.appendChild(element);
    });
  }

  function labelled(result) {
    // The default UI shows only the title: put the kind and the frame in front of it.
    var meta = result.meta || {};
    var kind = KINDS[meta.kind] || "Page";
    var frame = meta.frame && meta.kind !== "frame" ? " (" + meta.frame + ")" : "";
    meta.title = kind + " · " + (meta.title || result.url) + frame;
    return result;
  }

  function announce() {
    // The UI's own message is not a live region: copy it into one (polite, so typing is not interrupted).
    var message = dialog.querySelector(".pagefind-ui__message");
    var text = message ? message.textContent.trim() : "";
    if (text && status.textContent !== text) status.textContent = text;
  }

  Promise.all([
    fetchTag("link", { rel: "stylesheet", href: bundle.href + "pagefind-ui.css" }),
    fetchTag("script", { src: bundle.href + "pagefind-ui.js" }),
  ]).then(function () {
    new PagefindUI({
      element: "#site-search-ui",
      bundlePath: bundle.pathname,
      baseUrl: root.pathname,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: true,
      highlightParam: "highlight",
      excerptLength: 24,
      processResult: labelled,
      translations: { placeholder: "Search frames, cruxes, glossary" },
    });
    new MutationObserver(announce).observe(document.getElementById("site-search-ui"), {
      subtree: true, childList: true, characterData: true,
    });
    status.textContent = "Search ready. Type to see results.";
    var input = dialog.querySelector("input");
    if (input && dialog.open) input.focus();
  }).catch(function (error) {
    status.textContent = "Search could not load (" + error.message + ").";
  });
})();
