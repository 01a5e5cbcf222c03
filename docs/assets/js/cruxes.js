// Crux explorer: filter the list by group, frame and text; the filters live in the query string
// (?group=&frame=&text=) so a filtered view can be linked. The fragment stays free for a crux's anchor,
// and the names avoid Material's own ?q= (opens the search) and ?h= (highlights words).
// Without JavaScript the form is hidden by site.css (.no-js) and every crux is shown.
import { holdsAll, revealLinked, words } from "./filter-list.js";
import { counter } from "./shared.js";

(function () {
  var form = document.getElementById("crux-filters");
  if (!form) return;
  var explorer = form.closest(".crux-explorer");
  // Anchors are made in macros/urls.py; the explorer's template writes their prefix here.
  var anchorPrefix = "#" + explorer.dataset.cruxAnchorPrefix;
  var groupSelect = document.getElementById("crux-filter-group");
  var frameSelect = document.getElementById("crux-filter-frame");
  var search = document.getElementById("crux-filter-text");
  var status = document.getElementById("crux-explorer-status");
  var link = document.getElementById("crux-filter-link");
  var items = Array.prototype.slice.call(document.querySelectorAll(".crux-explorer li[data-kind]"));
  var owners = Array.prototype.slice.call(document.querySelectorAll(".crux-explorer__owner"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".crux-explorer__group"));
  var total = items.filter(function (li) { return li.dataset.kind === "crux"; }).length;
  var say = counter(status, 500);

  // The option for an id, or for an old id it had (data-aliases): links made before a rename keep their filter.
  function optionValue(select, value) {
    if (!value) return "";
    var found = Array.prototype.find.call(select.options, function (o) {
      return o.value === value || (o.dataset.aliases || "").split(" ").indexOf(value) >= 0;
    });
    return found ? found.value : "";
  }

  function state() {
    return { group: groupSelect.value, frame: frameSelect.value, text: search.value.trim() };
  }

  function matches(li, filters, terms) {
    var countsFor = li.dataset.countsFor.split(" ");
    var inGroups = li.dataset.groups.split(" ");
    if (filters.group && inGroups.indexOf(filters.group) < 0) return false;
    if (filters.frame && countsFor.indexOf(filters.frame) < 0) return false;
    return holdsAll(searchText(li), terms);
  }

  // What a crux is found by: its own words (not its number, the note on a reference, or a nested
  // crux) and the words of its id, in lower case. Read from the page at the first filtering, so the
  // page does not carry the text twice.
  var searchTexts = new Map();
  function searchText(li) {
    if (!searchTexts.has(li)) {
      var paragraph = li.querySelector(".crux__text");
      var own = Array.prototype.filter.call(paragraph.childNodes, function (node) {
        return !(node.classList && (node.classList.contains("crux__number") || node.classList.contains("crux__defined")));
      }).map(function (node) { return node.textContent; }).join("");
      var target = li.dataset.kind === "crux" ? "#" + li.id : paragraph.querySelector(".crux__defined a").getAttribute("href");
      var id = target.replace(anchorPrefix, "").replace(/-/g, " ");
      searchTexts.set(li, (own + " " + id).replace(/\s+/g, " ").trim().toLowerCase());
    }
    return searchTexts.get(li);
  }

  // Only the frames of the chosen group can be picked; a frame outside it is cleared.
  function limitFrames() {
    var group = groupSelect.value;
    Array.prototype.forEach.call(frameSelect.options, function (option) {
      var fits = !option.value || !group || option.dataset.groups.split(" ").indexOf(group) >= 0;
      option.hidden = !fits;
      option.disabled = !fits;
    });
    if (frameSelect.selectedOptions[0] && frameSelect.selectedOptions[0].disabled) frameSelect.value = "";
  }

  function apply(announceNow) {
    var filters = state();
    var terms = words(filters.text);
    var filtering = Boolean(filters.group || filters.frame || terms.length);
    var shown = 0;
    // Children first, so a parent knows whether any nested crux is still shown.
    items.slice().reverse().forEach(function (li) {
      var own = matches(li, filters, terms);
      var nestedShown = li.querySelector("li[data-kind]:not([hidden])") !== null;
      li.hidden = !(own || nestedShown);
      li.classList.toggle("crux--context", !own && nestedShown);
      if (own && li.dataset.kind === "crux") shown += 1;
    });
    owners.forEach(function (section) {
      var any = section.querySelector("li[data-kind]:not([hidden])") !== null;
      section.hidden = filtering && !any;
    });
    groups.forEach(function (section) {
      section.hidden = section.querySelector(".crux-explorer__owner:not([hidden])") === null;
    });
    followContents();
    writeUrl(filters);
    var message = filtering ? shown + " of " + total + " cruxes shown." : "All " + total + " cruxes shown.";
    if (filtering && !shown) message += " Try fewer words, or clear the filters.";
    say(message, announceNow);
  }

  // The page's table of contents (Material's, in the sidebar and in the drawer on a phone) lists the
  // group and frame sections: an entry whose section the filters hide is hidden with it.
  var contents = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']"))
    .map(function (link) {
      var id = link.getAttribute("href").slice(1);
      var target = document.getElementById(id);
      var section = target && target.closest(".crux-explorer__owner, .crux-explorer__group");
      return section && { item: link.closest(".md-nav__item") || link, section: section };
    })
    .filter(Boolean);

  function followContents() {
    contents.forEach(function (entry) { entry.item.hidden = entry.section.closest("[hidden]") !== null; });
  }

  function writeUrl(filters) {
    var params = new URLSearchParams();
    if (filters.group) params.set("group", filters.group);
    if (filters.frame) params.set("frame", filters.frame);
    if (filters.text) params.set("text", filters.text);
    var query = params.toString();
    var address = location.pathname + (query ? "?" + query : "") + location.hash;
    link.href = location.pathname + (query ? "?" + query : "");
    if (address !== location.pathname + location.search + location.hash) {
      history.replaceState(history.state, "", address);
    }
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    var group = params.get("group") || "";
    var frame = params.get("frame") || "";
    groupSelect.value = optionValue(groupSelect, group);
    limitFrames();
    frameSelect.value = optionValue(frameSelect, frame);
    if (frameSelect.selectedOptions[0] && frameSelect.selectedOptions[0].disabled) frameSelect.value = "";
    search.value = params.get("text") || "";
  }

  function clearFilters() {
    groupSelect.value = "";
    frameSelect.value = "";
    search.value = "";
    limitFrames();
    apply(true);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  groupSelect.addEventListener("change", function () { limitFrames(); apply(true); });
  frameSelect.addEventListener("change", function () { apply(true); });
  search.addEventListener("input", function () { apply(false); });
  document.getElementById("crux-filter-clear").addEventListener("click", function () {
    clearFilters();
    search.focus();
  });
  window.addEventListener("popstate", function () { readUrl(); apply(true); });

  readUrl();
  // With no filter in the address the page is already right as built: skip the pass over every crux.
  var initial = state();
  if (initial.group || initial.frame || initial.text) apply(true);
  // The list is filtered: show it (crux_explorer.html left it out while the filters were pending).
  document.documentElement.classList.remove("crux-filters-pending");
  // A link to one crux must land on it, even if the filters in the address would hide it.
  revealLinked(explorer, clearFilters);
})();
