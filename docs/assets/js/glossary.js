// The glossary's filter box: typing keeps the entries whose term, abbreviation, definition or other names
// hold every word typed, hides the letters left empty (in the list and in the A-Z bar) and says how many
// remain. A link to an entry the filter hides clears the filter, so it lands.
import { holdsAll, revealLinked, words } from "./filter-list.js";
import { counter } from "./shared.js";

(function () {
  var input = document.getElementById("glossary-filter");
  var status = document.getElementById("glossary-filter-status");
  if (!input || !status) return;
  var entries = Array.prototype.slice.call(document.querySelectorAll(".glossary__entry"));
  var sections = Array.prototype.slice.call(document.querySelectorAll(".glossary__letter"));
  var letters = Array.prototype.slice.call(document.querySelectorAll("a.glossary-az__letter"));
  var total = entries.length;
  var texts = entries.map(function (entry) {
    var dt = entry.querySelector("dt").cloneNode(true);
    var button = dt.querySelector(".copy-link");
    if (button) button.remove();
    var dd = entry.querySelector("dd").cloneNode(true);
    var frames = dd.querySelector(".glossary__frames");
    if (frames) frames.remove();
    return (dt.textContent + " " + dd.textContent).replace(/\s+/g, " ").toLowerCase();
  });
  var say = counter(status, 400);

  function apply(announceNow) {
    var terms = words(input.value);
    var shown = 0;
    entries.forEach(function (entry, i) {
      var match = holdsAll(texts[i], terms);
      entry.hidden = !match;
      if (match) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = section.querySelector(".glossary__entry:not([hidden])") === null;
    });
    letters.forEach(function (letter) {
      var section = document.getElementById(letter.dataset.letter);
      var empty = !section || section.hidden;
      // An empty letter stays in its place in the bar (nothing moves), but is no longer a link.
      if (empty) letter.setAttribute("aria-disabled", "true");
      else letter.removeAttribute("aria-disabled");
      letter.tabIndex = empty ? -1 : 0;
    });
    var message = terms.length ? shown + " of " + total + " terms shown." : total + " terms.";
    if (terms.length && !shown) message += " Try fewer or shorter words.";
    say(message, announceNow);
  }

  function clear() {
    input.value = "";
    apply(true);
  }

  input.addEventListener("input", function () { apply(false); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) clear();
  });
  // A value the browser kept from before (back, reload) filters at once, but never hides the entry linked to.
  if (input.value) apply(true);
  revealLinked(document, clear);
})();
