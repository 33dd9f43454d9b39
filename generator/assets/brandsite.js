/* brandsite's small enhancements. Every page works without them. */
(function () {
  // Category filter on the brand gallery and the leaderboards: buttons toggle which cards or rows show.
  function setupFilter() {
    var buttons = document.querySelectorAll(".bs-filter__btn");
    if (!buttons.length) return;
    var cards = document.querySelectorAll(".bs-card[data-category], .bs-filterable tr[data-category]");
    function apply(category) {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.category === category)); });
      cards.forEach(function (c) { c.hidden = !!category && c.dataset.category !== category; });
    }
    buttons.forEach(function (b) { b.addEventListener("click", function () { apply(b.dataset.category); }); });
    var wanted = new URLSearchParams(location.search).get("category");
    if (wanted) apply(wanted);
  }
  // The theme's search dialog has no accessible name; screen readers announce it as 站内搜索.
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "站内搜索");
  }
  function setup() { setupFilter(); nameSearch(); }
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
