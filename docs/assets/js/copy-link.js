// Copy-link buttons, for any page that loads this file: <button type="button" data-copy-link="ID">
// with a .copy-link__label inside. A click copies the page's address with #ID (no query string, so
// a filtered view's filters do not travel with the link); with an empty data-copy-link, the address
// of the link beside the button (a crux's own page, as the engine wrote its href), or else of this
// page. The label says "Link copied" for a few seconds, and one polite live region tells screen
// readers. Where the clipboard is refused, the label and the live region say where the link is.
// Serves the glossary's entries, the crux tables, the explorer and the crux pages. A page with two crux
// tables names this module twice; the browser runs it once.
import { counter, element } from "./shared.js";

(function () {
  var DONE = "Link copied";
  var REFUSED = "Copy it from the address bar";
  var FAILED = "Copy failed";
  var live = null;
  var say = null;

  function announce(text) {
    if (!live) {
      live = document.body.appendChild(element("p", "visually-hidden"));
      live.setAttribute("role", "status");
      say = counter(live, 50);
    }
    // Emptied first and the new text set in a second task, so the same message twice is announced twice.
    live.textContent = "";
    say(text);
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
