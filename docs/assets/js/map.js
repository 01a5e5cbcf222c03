// The frame map (macros/templates/frame_map.html): pointing at a frame, focusing it or tapping it shows
// only its links, with the frames at their other ends and their sentences in the list below the map.
// On a touch screen the first tap on a frame shows its links and a second tap opens its page.
import { tapToShow } from "./shared.js";

document.querySelectorAll(".frame-map").forEach(function (figure) {
  var svg = figure.querySelector(".frame-map__svg");
  var parts = figure.parentNode.querySelectorAll(".frame-map__edge[data-source], .frame-map__badge[data-source], .frame-map__links li");
  var nodes = svg.querySelectorAll(".frame-map__node");

  function light(frame) {
    svg.classList.toggle("frame-map--lit", !!frame);
    var near = {};
    parts.forEach(function (part) {
      var on = !!frame && (part.dataset.source === frame || part.dataset.target === frame);
      part.classList.toggle("is-lit", on);
      if (on) near[part.dataset.source] = near[part.dataset.target] = true;
    });
    nodes.forEach(function (node) { node.classList.toggle("is-lit", !!near[node.dataset.frame] || node.dataset.frame === frame); });
  }

  function frameOf(event) {
    var node = event.target.closest && event.target.closest(".frame-map__node");
    return node ? node.dataset.frame : null;
  }

  tapToShow(svg, ".frame-map__node", function (node) { light(node.dataset.frame); });
  svg.addEventListener("pointerover", function (event) { if (frameOf(event)) light(frameOf(event)); });
  // A finger lifted off the screen leaves the map too: the links it tapped open stay shown.
  svg.addEventListener("pointerleave", function (event) { if (event.pointerType !== "touch") light(null); });
  svg.addEventListener("focusin", function (event) { light(frameOf(event)); });
  svg.addEventListener("focusout", function (event) { if (!svg.contains(event.relatedTarget)) light(null); });
});
