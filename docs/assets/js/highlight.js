// A page reached from a search result (?highlight=...): Pagefind's highlighter marks the words searched
// for. site.js imports this only on such a page, so no other first load carries it.
import { siteAddress } from "./shared.js";

var dialog = document.getElementById("site-search");
import(siteAddress(dialog, dialog.dataset.searchIndex + "pagefind-highlight.js")).then(function (highlight) {
  // Marks the words in the article only; the entries Pagefind's defaults skip (data-pagefind-ignore) too.
  new highlight.default({
    highlightParam: "highlight",
    markContext: "[data-pagefind-body]",
    markOptions: { className: "pagefind-highlight", exclude: [".headerlink", "script", "style"] },
  });
});
