// The server sends the page already drawn (dashboard/first_paint.py), in a copy shown until
// Dash has drawn the page itself; Dash's tree is hidden meanwhile (assets/style.css). As soon as
// Dash's page is in place, the copy is removed: in the same task, before the browser paints
// again, so the reader sees no blank frame and nothing moves; and removed, not hidden, so that
// a screen reader never meets the page twice.
(function () {
  var copy = document.getElementById("premier-affichage");
  var entry = document.getElementById("react-entry-point");
  if (!copy || !entry || !("MutationObserver" in window)) { return; }

  function drawn() {
    var content = document.getElementById("_pages_content");
    return content && content.firstElementChild;
  }

  var observer = new MutationObserver(function () {
    if (!drawn()) { return; }
    observer.disconnect();
    copy.remove();
  });
  observer.observe(entry, { childList: true, subtree: true });
})();
