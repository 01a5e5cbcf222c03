// What the page scripts share, as an ES module: each imports what it uses, and the browser fetches and
// runs this file once per page however many import it. mkdocs.yml lists it before site.js, so its
// download starts with the page's (not after the first script that imports it) and it is weighed.

// A new element; class and text are optional.
export function element(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// The address of a path on the site. Scripts spell no address (macros/urls.py makes them all): an element
// our templates write gives the path, and in data-site-root the way back to the site's root from this
// page, as the theme gives it ("../..", "." or, on the 404 page, "/frames/").
export function siteAddress(holder, path) {
  var root = new URL(holder.dataset.siteRoot.replace(/\/?$/, "/"), document.baseURI);
  return new URL(path, root).href;
}

// ------------------------------------------------------------ filtering a list

// Says how many items a filter left to a live region: at once after a choice, and while the reader
// types only once they pause, since a count at every keystroke would drown what they type.
export function counter(status, pause) {
  var timer = null;
  return function (message, now) {
    clearTimeout(timer);
    if (now) status.textContent = message;
    else timer = setTimeout(function () { status.textContent = message; }, pause);
  };
}

// ------------------------------------------------------------ touch screens

// A touch screen has no hover: a first tap on an item of scope that matches selector calls show(item)
// instead of following its link, and a second tap on it follows the link. Clicks from a mouse or the
// keyboard (detail 0) are left as they are. With hide, a click elsewhere in scope calls hide(item),
// as does the function returned.
export function tapToShow(scope, selector, show, hide) {
  var shown = null;
  var pointer = "";
  function forget() {
    if (shown && hide) hide(shown);
    shown = null;
  }
  scope.addEventListener("pointerdown", function (event) { pointer = event.pointerType; }, true);
  scope.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest(selector);
    if (!item) {
      if (hide) forget();
      return;
    }
    var kind = typeof event.pointerType === "string" ? event.pointerType : pointer;
    if (item === shown || !event.detail || kind !== "touch") return;
    event.preventDefault();
    forget();
    shown = item;
    show(item);
  });
  return forget;
}
