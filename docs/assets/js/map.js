// The frame map (macros/templates/frame_map.html): pointing at a frame, focusing it or tapping it shows
// only its links, with the frames at their other ends and their sentences in the list below the map.
// On a touch screen the first tap on a frame shows its links and a second tap opens its page.
(function () {
  document.querySelectorAll(".frame-map").forEach(function (figure) {
    var svg = figure.querySelector(".frame-map__svg");
    var parts = figure.parentNode.querySelectorAll(".frame-map__edge[data-source], .frame-map__badge[data-source], .frame-map__links li");
    var nodes = svg.querySelectorAll(".frame-map__node");
    var touched = false;

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

    svg.addEventListener("pointerover", function (event) { if (frameOf(event)) light(frameOf(event)); });
    svg.addEventListener("pointerleave", function () { if (!touched) light(null); });
    svg.addEventListener("focusin", function (event) { light(frameOf(event)); });
    svg.addEventListener("focusout", function (event) { if (!svg.contains(event.relatedTarget)) light(null); });
    svg.addEventListener("pointerdown", function (event) { touched = event.pointerType === "touch"; });
    var tapped = null;
    svg.addEventListener("click", function (event) {
      var frame = frameOf(event);
      if (!touched || !frame || tapped === frame) return;
      event.preventDefault();  // the first tap shows the links; the next one on the same frame opens its page
      tapped = frame;
      light(frame);
    });
  });
})();
