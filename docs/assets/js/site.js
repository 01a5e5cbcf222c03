// Small behaviours of every page, in one module that runs after Material's bundle (modules run in
// order with deferred scripts, and the bundle comes first): Escape and touch for glossary tooltips,
// search, and a fix to Material's copy buttons.
import { tapToShow } from "./shared.js";

// Material puts each code block's copy button in an unnamed <nav>; two such blocks on a page
// are two landmarks with the same name (axe: landmark-unique), and a copy button is not site
// navigation. Runs after Material has built the buttons, on every page it renders.
if (typeof document$ !== "undefined") document$.subscribe(function () {
  document.querySelectorAll("nav.md-code__nav").forEach(function (nav) {
    nav.setAttribute("role", "none");
  });
});

// A glossary term's definition shows on hover and focus (site.css). Escape hides it without moving
// the pointer or the focus (WCAG 1.4.13). It shows again when focus moves, or when the pointer
// comes to a term: not at once to the hidden one, since the browser reports the pointer entering
// whatever the hidden box uncovers under it.
(function () {
  var root = document.documentElement;
  var dismissed = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    dismissed = Array.from(document.querySelectorAll(".glossary-term:hover, .glossary-term:focus-within, .glossary-term--open"));
    if (dismissed.length) root.classList.add("glossary-tips-hidden");
  });
  document.addEventListener("focusin", function () {
    root.classList.remove("glossary-tips-hidden");
  });
  document.addEventListener("pointerover", function (event) {
    var term = event.target.closest && event.target.closest(".glossary-term");
    if (term && dismissed.indexOf(term) < 0) root.classList.remove("glossary-tips-hidden");
  });
  document.addEventListener("pointerout", function (event) {
    // Left the term (not just its link for the term inside): coming back shows it again.
    var term = event.target.closest && event.target.closest(".glossary-term");
    if (term && dismissed.indexOf(term) >= 0 && !term.contains(event.relatedTarget)) dismissed = [];
  });
})();

// On a touch screen there is no hover: the first tap on a glossary term shows its definition (the
// --open class, site.css) instead of leaving the page, a second tap follows its link, a tap elsewhere
// or Escape closes it. (Registered after the Escape above, which reads which term is open.)
(function () {
  var OPEN = "glossary-term--open";
  var close = tapToShow(document, ".glossary-term",
    function (term) { term.classList.add(OPEN); },
    function (term) { term.classList.remove(OPEN); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
})();

// Search (overrides/partials/site-search.html): the header button, "/" and Ctrl/Cmd-K open the dialog.
// Nothing of Pagefind is fetched until then: the first opening imports search.js, which shows what
// Pagefind's search API finds (it loads the index fragments a query needs). Only a page reached from a
// result (?highlight=...) imports highlight.js, which marks the words searched for.
(function () {
  var dialog = document.getElementById("site-search");
  var opener = document.querySelector(".site-search__open");
  if (!dialog || !opener) return;
  var loaded = false;
  function open() {
    if (!dialog.open) dialog.showModal();
    if (!loaded) {
      loaded = true;
      import("./search.js");
    }
    var input = dialog.querySelector("input");
    if (input) input.focus();
  }
  opener.addEventListener("click", open);
  dialog.querySelector(".site-search__close").addEventListener("click", function () { dialog.close(); });
  // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
    else if (event.target.closest("a[href]")) dialog.close();  // a result on this same page
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    var slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    var k = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
    if (!slash && !k) return;
    event.preventDefault();
    open();
  });
  if (/[?&]highlight=/.test(location.search)) import("./highlight.js");
})();
