// Copy-link buttons, for any page that loads this file: <button type="button" data-copy-link="ID">
// with a .copy-link__label inside. A click copies the page's address with #ID (no query string, so
// a filtered view's filters do not travel with the link); with an empty data-copy-link, the address
// of the link beside the button (a crux's own page, as the engine wrote its href), or else of this
// page. The label says "Link copied" for a few seconds, and one polite live region tells screen
// readers. Where the clipboard is refused, the label and the live region say where the link is.
// Serves the glossary's entries, the crux tables, the explorer and the crux pages.
(function () {
  "use strict";
  var root = document.documentElement;
  // A page with two crux tables loads this twice: one listener is enough.
  if (root.hasAttribute("data-copy-links")) return;
  root.setAttribute("data-copy-links", "");

  var DONE = "Link copied";
  var REFUSED = "Copy it from the address bar";
  var FAILED = "Copy failed";
  var live = null;

  function announce(text) {
    if (!live) {
      live = document.createElement("p");
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = "";
    // A new text in a second task, so the same message twice is announced twice.
    setTimeout(function () { live.textContent = text; }, 50);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return Promise.reject(new Error("no clipboard"));
  }

  function show(button, text) {
    var label = button.querySelector(".copy-link__label");
    if (!label) return;
    if (!button.dataset.copyLabel) button.dataset.copyLabel = label.textContent;
    label.textContent = text;
    button.classList.add("copy-link--done");
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(function () {
      label.textContent = button.dataset.copyLabel;
      button.classList.remove("copy-link--done");
    }, 4000);
  }

  function addressOf(button) {
    var id = button.dataset.copyLink;
    if (id) return location.origin + location.pathname + "#" + encodeURIComponent(id);
    var beside = button.parentNode.querySelector("a[href]");
    return beside ? beside.href : location.origin + location.pathname;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy-link]");
    if (!button) return;
    var id = button.dataset.copyLink;
    var address = addressOf(button);
    var name = button.textContent.replace(button.querySelector(".copy-link__label").textContent, "").trim();
    copy(address).then(function () {
      show(button, DONE);
      announce("Copied the link" + (name ? " " + name : "") + ".");
    }, function () {
      if (id) {
        history.replaceState(history.state, "", "#" + encodeURIComponent(id));
        show(button, REFUSED);
        announce("The address bar now holds the link; copy it from there.");
      } else {
        show(button, FAILED);
        announce("Could not copy the link. Its address is " + address);
      }
    });
  });
})();
