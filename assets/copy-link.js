/* « Copier le lien »: copies the page's address (layouts/copy_link.py draws the button).
   One listener on the document, so that buttons drawn later by Dash work too. The status next
   to the button (role="status") says whether the copy worked; screen readers announce it. */
(function () {
    "use strict";

    function fallbackCopy(text) {
        // Without the asynchronous clipboard (an address served over plain HTTP): a hidden
        // text area, selected and copied.
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        var done = false;
        try {
            done = document.execCommand("copy");
        } catch (error) {
            done = false;
        }
        document.body.removeChild(area);
        return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
    }

    function copy(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text).catch(function () {
                return fallbackCopy(text);
            });
        }
        return fallbackCopy(text);
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("[data-copy-link]") : null;
        if (!button) {
            return;
        }
        var status = button.parentNode.querySelector(".copy-link-status");
        function say(text) {
            if (status) {
                // Emptied first so that a second copy is announced again.
                status.textContent = "";
                window.setTimeout(function () { status.textContent = text; }, 50);
            }
        }
        copy(window.location.href).then(
            function () { say(button.getAttribute("data-copied")); },
            function () { say(button.getAttribute("data-failed")); }
        );
    });
})();
