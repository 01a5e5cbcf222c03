// Small behaviours of every page, in one deferred file that runs after Material's bundle: the
// light/dark toggle, Escape for glossary tooltips, and a fix to Material's copy buttons.

// The light/dark toggle, switched here instead of by Material's palette component (see
// overrides/partials/palette.html for why). __palette_show, defined where the toggle is parsed
// (overrides/partials/palette-script.html), sets the scheme on <body>, checks the chosen
// input, shows the toggle for the other scheme, and remembers the choice when asked to.
(function () {
  "use strict";

  var form = document.querySelector("form.md-header__option");
  if (!form || typeof __palette_show !== "function") return;
  var inputs = Array.from(form.querySelectorAll(".md-option"));

  // A tap on the toggle before this script arrived checked the other input without switching.
  var checked = inputs.findIndex(function (input) { return input.checked; });
  if (checked >= 0 && inputs[checked].getAttribute("data-md-color-scheme") !== document.body.getAttribute("data-md-color-scheme")) {
    __palette_show(checked, true);
  }

  form.addEventListener("change", function (event) {
    // Material's stylesheet turns transitions off under this attribute, so every colour switches at once.
    document.body.setAttribute("data-md-color-switching", "");
    __palette_show(inputs.indexOf(event.target), true);
    setTimeout(function () { document.body.removeAttribute("data-md-color-switching"); });
  });

  // The focused toggle is a radio button; Enter switches it too, as with Material's.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || inputs.indexOf(event.target) < 0) return;
    event.preventDefault();
    var next = inputs[(inputs.indexOf(event.target) + 1) % inputs.length];
    next.click();
    next.focus();
  });

  // Until the reader picks a scheme, the page follows the one their system prefers.
  inputs.forEach(function (input, index) {
    var media = matchMedia(input.getAttribute("data-md-color-media"));
    media.addEventListener("change", function () {
      if (media.matches && !__md_get("__palette")) __palette_show(index);
    });
  });
})();

// Material puts each code block's copy button in an unnamed <nav>; two such blocks on a page
// are two landmarks with the same name (axe: landmark-unique), and a copy button is not site
// navigation. Runs after Material has built the buttons, on every page it renders.
document$.subscribe(function () {
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
