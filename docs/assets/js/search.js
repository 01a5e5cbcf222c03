// Loaded by site.js when the reader first opens search: Pagefind's UI in the search dialog (it shows
// each result's kind and frame from the index's meta), and the result count announced to screen readers.
(function () {
  var here = document.currentScript.src;
  var root = new URL("../../", here);  // this file is at assets/js/ in the site
  var bundle = new URL("pagefind/", root);
  var dialog = document.getElementById("site-search");
  var status = document.getElementById("site-search-status");

  function fetchTag(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attrs).forEach(function (key) { element.setAttribute(key, attrs[key]); });
      element.addEventListener("load", resolve);
      element.addEventListener("error", function () { reject(new Error(attrs.src || attrs.href)); });
      document.head.appendChild(element);
    });
  }

  // Pagefind finds pages that hold every word of the query, so a question in plain words ("which frame
  // did the authors pick") finds nothing for its "did": the little words of questions are left out.
  var QUESTION_WORDS = /^(a|an|the|is|are|was|were|do|does|did|what|which|who|why|how|where|when|of|to|in|on|for|about|i|me|my)$/i;
  function withoutQuestionWords(term) {
    var words = term.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (word) { return !QUESTION_WORDS.test(word); });
    return (kept.length ? kept : words).join(" ");
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
      processTerm: withoutQuestionWords,
      translations: { placeholder: "Search frames, cruxes, glossary" },
    });
    new MutationObserver(announce).observe(document.getElementById("site-search-ui"), {
      subtree: true, childList: true, characterData: true,
    });
    status.textContent = "Search ready. Type to see results.";
    var input = dialog.querySelector("input");
    // The UI names its box by placeholder only (axe: label-title-only): name it by the dialog's heading.
    if (input) input.setAttribute("aria-labelledby", "site-search-title");
    if (input && dialog.open) input.focus();
  }).catch(function (error) {
    status.textContent = "Search could not load (" + error.message + ").";
  });
})();
