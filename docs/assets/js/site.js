// Small behaviours of every page, in one deferred file that runs after Material's bundle:
// Escape for glossary tooltips, and a fix to Material's copy buttons.

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
    dismissed = Array.from(document.querySelectorAll(".glossary-term:hover, .glossary-term:focus-within"));
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
