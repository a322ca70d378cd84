/* dcc.Upload hides its file input (display: none) behind a click-only <div>. data.css shows
   the input again, visually hidden but focusable, so that the keyboard reaches it; here it gets
   an accessible name (WCAG 4.1.2). */
(function () {
  function enhance(zone) {
    var input = zone.querySelector('input[type=file]');
    if (!input || input.getAttribute('aria-label')) return;
    var label = document.getElementById('libelle-depot');
    input.setAttribute(
      'aria-label', (label ? label.textContent + ' : ' : '') + zone.textContent.trim()
    );
  }
  new MutationObserver(function () {
    document.querySelectorAll('.upload-zone').forEach(enhance);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
