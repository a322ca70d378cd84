// « Copier le lien » (layouts/copy_link.py): copies the page's address, query string included
// (the period, the filters), and says so in the live region beside the button. Delegated, so it
// works for buttons Dash draws later; no inline script under the Content-Security-Policy.
(function () {
  function fallbackCopy(text) {
    // Without the Clipboard API (a page served over plain HTTP): a selected, off-screen field.
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(field);
    return done;
  }

  function announce(button, message) {
    var holder = button.closest(".copy-link") || button.parentNode;
    var status = holder && holder.querySelector("[data-copy-link-status]");
    if (!status) { return; }
    // Emptied first, so that a second click is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-copy-link]");
    if (!button) { return; }
    var href = window.location.href;
    var copied = button.getAttribute("data-copied") || "Lien copié";
    var failed = button.getAttribute("data-failed") || "";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(href).then(
        function () { announce(button, copied); },
        function () { announce(button, fallbackCopy(href) ? copied : failed); }
      );
    } else {
      announce(button, fallbackCopy(href) ? copied : failed);
    }
  });
})();
