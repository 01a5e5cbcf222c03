// The "Copy link" buttons beside each crux (crux tables, the crux explorer, a crux's own page): copy the
// full address of the crux's page, then say so on the button and to screen readers.
(function () {
  "use strict";
  var root = document.documentElement;
  // A page with two crux tables loads this twice: one listener is enough.
  if (root.hasAttribute("data-crux-links")) return;
  root.setAttribute("data-crux-links", "");

  // One polite live region for the page, made before any copy so that its first message is read.
  var status = document.createElement("p");
  status.className = "crux-copy-status";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function confirm(button, copied, address) {
    if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.getAttribute("aria-label") || "");
    var label = button.getAttribute("data-label");
    button.textContent = copied ? "Copied" : "Copy failed";
    button.setAttribute("aria-label", (copied ? "Copied: " : "Could not copy: ") + label.replace(/^Copy /, ""));
    button.classList.add(copied ? "crux-copy--done" : "crux-copy--failed");
    status.textContent = copied ? "Link copied: " + address : "Could not copy the link. Its address is " + address;
    clearTimeout(button.cruxCopyTimer);
    button.cruxCopyTimer = setTimeout(function () {
      button.textContent = "Copy link";
      button.setAttribute("aria-label", label);
      button.classList.remove("crux-copy--done", "crux-copy--failed");
    }, 4000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.crux-copy");
    if (!button) return;
    // Beside a crux number, the address is the crux page link's; on a crux's own page, the page's.
    var link = button.closest(".crux-actions").querySelector("a.crux-actions__page");
    var address = link ? link.href : location.origin + location.pathname;
    if (!navigator.clipboard) {
      confirm(button, false, address);
      return;
    }
    navigator.clipboard.writeText(address).then(
      function () { confirm(button, true, address); },
      function () { confirm(button, false, address); }
    );
  });
})();
