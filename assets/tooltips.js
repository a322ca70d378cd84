// WCAG 1.4.13: a definition shown on hover or focus can be dismissed with Escape without moving
// the pointer or the focus; it comes back on the next hover or focus of an (i) button.
(function () {
  var DISMISSED = "tooltips-dismissed";
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.querySelector(".tooltip")) {
      document.body.classList.add(DISMISSED);
    }
  });
  function restore(event) {
    if (event.target && event.target.closest && event.target.closest(".info-button")) {
      document.body.classList.remove(DISMISSED);
    }
  }
  document.addEventListener("focusin", restore);
  document.addEventListener("mouseover", restore);
})();
