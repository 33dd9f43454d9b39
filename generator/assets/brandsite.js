/* brandsite's small enhancements. Every page works without them. */
(function () {
  // The theme's search dialog has no accessible name; screen readers announce it as 站内搜索.
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "站内搜索");
  }
  function setup() { nameSearch(); }
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
