// Imported by site.js when the reader first opens search (overrides/partials/site-search.html holds the
// dialog's markup, and says where the index is). Pagefind's search API (pagefind.js, in the index's
// folder) finds the results, ranks them and cuts their excerpts; this file only shows them. Pagefind's
// ready-made UIs load the index of every filter before a first query can run (31 KB more on a
// 1,000-frame site, past the 150 KB budget of a first query), so here the filters' index loads only
// when the reader opens the filters.
import { element, siteAddress } from "./shared.js";

(function () {
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("../search.css", import.meta.url).href;  // the stylesheets' folder, beside the scripts'
  document.head.appendChild(style);
  var dialog = document.getElementById("site-search");
  var index = siteAddress(dialog, dialog.dataset.searchIndex);
  var input = document.getElementById("site-search-input");
  var status = document.getElementById("site-search-status");
  var list = document.getElementById("site-search-results");
  var panel = element("details", "site-search__filters");
  panel.id = "site-search-filters";
  panel.appendChild(element("summary", "", "Filter by kind, group or frame"));
  var fields = panel.appendChild(element("div", "site-search__filter-fields"));
  status.before(panel);
  var more = element("button", "md-button site-search__more", "More results");
  more.type = "button";
  more.hidden = true;
  list.after(more);
  var FILTERS = [["kind", "Kind"], ["group", "Group"], ["frame", "Frame"]];  // search_record.html and thesis.html set them
  var PAGE_SIZE = 8;
  var chosen = {};  // filter name -> the one value chosen
  var latest = 0;  // the id of the latest search: an answer to an older one is dropped
  var found = [];
  var shown = 0;
  var query = "";

  // Pagefind finds pages that hold every word of the query, so a question in plain words ("which frame
  // did the authors pick") finds nothing for its "did": the little words of questions are left out.
  var QUESTION_WORDS = /^(a|an|the|is|are|was|were|do|does|did|what|which|who|why|how|where|when|of|to|in|on|for|about|i|me|my)$/i;
  function withoutQuestionWords(term) {
    var words = term.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (word) { return !QUESTION_WORDS.test(word); });
    return (kept.length ? kept : words).join(" ");
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function linked(url, title, excerptHtml) {
    var link = element("a", "site-search__link", title);
    link.href = url;
    var excerpt = element("p", "site-search__excerpt");
    // Pagefind escapes the text it indexed and wraps the words found in <mark>: its excerpt is HTML.
    excerpt.innerHTML = excerptHtml || "";
    return [link, excerpt];
  }

  // A page's best-matching sections (at most three, in page order), as Pagefind's own UI picks them;
  // the part before the first heading, or under the page's own title, is the result itself.
  function sections(data) {
    var subs = (data.sub_results || []).filter(function (sub) {
      return sub.url !== data.url && sub.title !== data.meta.title;
    });
    if (subs.length <= 3) return subs;
    var best = subs.slice().sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, 3);
    return subs.filter(function (sub) { return best.indexOf(sub) >= 0; });
  }

  function result(data) {
    var item = element("li", "site-search__result");
    var about = [data.meta.kind, data.meta.frame].filter(Boolean).join(" · ");
    if (about) item.appendChild(element("p", "site-search__about", about));
    var heading = element("h3", "site-search__heading");
    var parts = linked(data.url, data.meta.title || data.url, data.excerpt);
    heading.appendChild(parts[0]);
    item.appendChild(heading);
    item.appendChild(parts[1]);
    var subs = sections(data);
    if (subs.length) {
      var nested = element("ul", "site-search__sections");
      subs.forEach(function (sub) {
        var entry = element("li");
        linked(sub.url, sub.title, sub.excerpt).forEach(function (part) { entry.appendChild(part); });
        nested.appendChild(entry);
      });
      item.appendChild(nested);
    }
    return item;
  }

  function summary() {
    var filtered = Object.keys(chosen).length ? " (filtered)" : "";
    if (!found.length) return "No results for “" + query + "”" + filtered + ".";
    var count = found.length === 1 ? "1 result" : found.length + " results";
    return count + " for “" + query + "”" + filtered + (shown < found.length ? ", " + shown + " shown." : ".");
  }

  function showMore(id) {
    var next = found.slice(shown, shown + PAGE_SIZE);
    return Promise.all(next.map(function (hit) { return hit.data(); })).then(function (pages) {
      if (id !== latest) return null;
      var first = null;
      pages.forEach(function (data) {
        var item = result(data);
        first = first || item;
        list.appendChild(item);
      });
      shown += next.length;
      more.hidden = shown >= found.length;
      say(summary());
      return first;
    });
  }

  function run(pagefind) {
    var id = ++latest;
    query = input.value.trim();
    var term = withoutQuestionWords(query);
    if (!term) {
      found = [];
      list.replaceChildren();
      more.hidden = true;
      say("Type to see results.");
      return;
    }
    say("Searching for “" + query + "”…");
    pagefind.debouncedSearch(term, { filters: chosen }, 250).then(function (search) {
      if (!search || id !== latest) return null;  // a later keystroke took over
      found = search.results;
      shown = 0;
      list.replaceChildren();
      return showMore(id);
    }).catch(function (error) {
      say("Search failed (" + error.message + ").");
    });
  }

  function filterField(pagefind, name, label, counts) {
    var wrapper = element("div", "site-search__filter");
    var caption = element("label", "", label);
    var select = element("select");
    select.id = caption.htmlFor = "site-search-filter-" + name;
    wrapper.appendChild(caption);
    select.appendChild(new Option("Any", ""));
    Object.keys(counts).sort().forEach(function (value) {
      select.appendChild(new Option(value + " (" + counts[value] + ")", value));
    });
    select.addEventListener("change", function () {
      if (select.value) chosen[name] = select.value;
      else delete chosen[name];
      run(pagefind);
    });
    wrapper.appendChild(select);
    return wrapper;
  }

  function showFilters(pagefind) {
    return pagefind.filters().then(function (available) {
      FILTERS.forEach(function (pair) {
        if (available[pair[0]]) fields.appendChild(filterField(pagefind, pair[0], pair[1], available[pair[0]]));
      });
    });
  }

  import(index + "pagefind.js").then(function (pagefind) {
    // Results are addressed from the site's root, wherever the site is served.
    return pagefind.options({ baseUrl: new URL(siteAddress(dialog, "")).pathname, highlightParam: "highlight", excerptLength: 24 }).then(function () {
      pagefind.init();  // the language's index and its WebAssembly start loading while the reader types
      return pagefind;
    });
  }).then(function (pagefind) {
    input.addEventListener("input", function () { run(pagefind); });
    dialog.querySelector(".site-search__form").addEventListener("submit", function (event) {
      event.preventDefault();  // Enter follows the first result
      var first = list.querySelector("a");
      if (first) first.click();
    });
    more.addEventListener("click", function () {
      showMore(latest).then(function (first) {
        var link = first && first.querySelector("a");
        if (link) link.focus();  // the keyboard goes on from the first new result
      });
    });
    var filtersLoaded = false;
    function loadFilters() {
      if (!panel.open || filtersLoaded) return;
      filtersLoaded = true;
      showFilters(pagefind).catch(function (error) { say("Filters could not load (" + error.message + ")."); });
    }
    panel.addEventListener("toggle", loadFilters);
    loadFilters();  // opened while search was loading
    if (input.value.trim()) run(pagefind);  // typed while search was loading
    else say("Search ready. Type to see results.");
  }).catch(function (error) {
    say("Search could not load (" + error.message + ").");
  });
})();
