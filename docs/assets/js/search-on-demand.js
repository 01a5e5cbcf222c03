// Search on demand. Material's search starts its worker (about 12 KB compressed) and downloads the
// whole site's search index (about 48 KB, growing with the site) on every first visit, whether or
// not the reader searches: on a phone that more than doubles what a page costs. This script runs
// before Material's bundle and holds both back until the reader opens search (the search box gets
// focus, the search toggle is switched on, or the address asks for a search or a highlight).
// It relies on two things Material 9 does: it fetches search/search_index.json with
// XMLHttpRequest, and it talks to its worker only through postMessage and message listeners.
(function () {
  "use strict";

  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();  // ?q= opens search, ?h= highlights words
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });

  // The index request is opened as usual, but sent only once search is wanted.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.searchIndex) return send.apply(request, args);
    wanted.then(function () { send.apply(request, args); });
  };

  // The search worker is created at its first message, which Material sends once the index is in.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!/\/workers\/search\.[^/]*\.js$/.test(new URL(url, location.href).pathname)) {
      return new RealWorker(url, options);
    }
    var worker = null;
    var listeners = [];
    return {
      addEventListener: function (type, listener, more) {
        if (worker) worker.addEventListener(type, listener, more);
        else listeners.push([type, listener, more]);
      },
      removeEventListener: function (type, listener, more) {
        if (worker) worker.removeEventListener(type, listener, more);
        else listeners = listeners.filter(function (entry) { return entry[0] !== type || entry[1] !== listener; });
      },
      postMessage: function (message, transfer) {
        if (!worker) {
          worker = new RealWorker(url, options);
          listeners.forEach(function (entry) { worker.addEventListener(entry[0], entry[1], entry[2]); });
        }
        worker.postMessage(message, transfer);
      },
      terminate: function () {
        if (worker) worker.terminate();
      }
    };
  };
})();
