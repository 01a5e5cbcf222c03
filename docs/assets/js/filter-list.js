// What the two filtered lists (the crux explorer's and the glossary's) share, apart from shared.js: pages
// without a filtered list never load it (cruxes.js and glossary.js import it).

// The words typed in a filter box, in lower case: an item stays when its text holds every one.
export function words(value) {
  return value.toLowerCase().split(/\s+/).filter(Boolean);
}

export function holdsAll(text, terms) {
  return terms.every(function (term) { return text.indexOf(term) >= 0; });
}

// ------------------------------------------------------------ links into a filtered list

// A link to an item in scope must land on it, even when a filter hides it: then clear() takes the
// filter off and the page goes to the item, which the browser could not do while it was hidden.
// Checked now (the page was opened at the link) and at every later change of the fragment. Any
// address must be survivable: a fragment that is malformed (#%) or huge finds nothing, and throws nothing.
export function revealLinked(scope, clear) {
  function reveal() {
    var id = location.hash.slice(1);
    if (id.length > 512) return;
    try { id = decodeURIComponent(id); } catch (error) { /* looked up as written */ }
    var target = id && document.getElementById(id);
    if (!target || !scope.contains(target) || !target.closest("[hidden]")) return;
    clear();
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
}

