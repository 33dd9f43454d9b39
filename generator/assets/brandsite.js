/* Category filter on the brand gallery: buttons toggle which cards show. Works without it too. */
(function () {
  function setup() {
    var buttons = document.querySelectorAll(".bs-filter__btn");
    if (!buttons.length) return;
    var cards = document.querySelectorAll(".bs-card[data-category]");
    function apply(category) {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.category === category)); });
      cards.forEach(function (c) { c.hidden = !!category && c.dataset.category !== category; });
    }
    buttons.forEach(function (b) { b.addEventListener("click", function () { apply(b.dataset.category); }); });
    var wanted = new URLSearchParams(location.search).get("category");
    if (wanted) apply(wanted);
  }
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
