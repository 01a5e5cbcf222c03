// Material puts each code block's copy button in an unnamed <nav>; two such blocks on a page
// are two landmarks with the same name (axe: landmark-unique), and a copy button is not site
// navigation. Runs after Material has built the buttons, on every page it renders.
document$.subscribe(function () {
  document.querySelectorAll("nav.md-code__nav").forEach(function (nav) {
    nav.setAttribute("role", "none");
  });
});
