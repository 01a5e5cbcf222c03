// "Changed since you last read" on frame pages (macros/templates/since_read.html). The browser keeps, in its own
// localStorage and nowhere else, the latest edition it showed for this page; on a later visit after a newer
// edition, the notice lists the cruxes revised since then. No cookie, nothing sent anywhere.
(function () {
  "use strict";
  var box = document.getElementById("since-read");
  if (!box) return;
  var latest = box.getAttribute("data-latest-edition");
  var key = "since-read:" + location.pathname;
  var seen = null;
  try {
    seen = localStorage.getItem(key);
    localStorage.setItem(key, latest);
  } catch (error) {
    return; // storage turned off: nothing to remember, nothing to say
  }
  // Edition names are YYYY-MM, so they compare as text in date order.
  if (!seen || seen >= latest) return;
  var shown = 0;
  Array.prototype.forEach.call(box.querySelectorAll("[data-revised]"), function (item) {
    if (item.getAttribute("data-revised") > seen) {
      item.hidden = false;
      shown += 1;
    }
  });
  box.querySelector(".since-read__edition").textContent = seen;
  if (!shown) box.querySelector(".since-read__none").hidden = false;
  box.hidden = false;
})();
