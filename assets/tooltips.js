// The definition of what a chart or figure counts, shown next to its (i) button on hover and on
// keyboard focus (layouts/chart_card.py). The text is already in the page, in the element the
// button names with aria-describedby (what screen readers read); one bubble, made here on first
// use and moved from button to button, shows it. A page has a dozen of these buttons: one React
// tooltip component each, with its positioning library, cost more to render than they were
// worth.
//
// WCAG 1.4.13: the bubble can be hovered (it touches its button, no gap to cross), stays while
// the pointer is over the button or the bubble or the button has the focus, and Escape hides it
// without moving the pointer or the focus; it comes back on the next hover or focus.
(function () {
  var MARGIN = 8; // kept between the bubble and the window's edges (a 360 px phone)
  var bubble = null;
  var text = null;
  var arrow = null;
  var owner = null;
  var dismissed = null; // the button whose definition Escape hid

  function make() {
    bubble = document.createElement("div");
    bubble.className = "tooltip definition-bubble";
    bubble.id = "definition-bulle";
    bubble.setAttribute("role", "tooltip");
    bubble.hidden = true;
    arrow = document.createElement("div");
    arrow.className = "tooltip-arrow";
    text = document.createElement("div");
    text.className = "tooltip-inner";
    bubble.appendChild(arrow);
    bubble.appendChild(text);
    document.body.appendChild(bubble);
  }

  function show(button) {
    var definition = document.getElementById(button.getAttribute("aria-describedby") || "");
    if (!definition) return;
    if (!bubble) make();
    owner = button;
    dismissed = null;
    text.textContent = definition.textContent;
    bubble.hidden = false;
    place(button);
    bubble.classList.add("show");
  }

  function hide() {
    owner = null;
    if (bubble) {
      bubble.classList.remove("show");
      bubble.hidden = true;
    }
  }

  // Above the button, or below it when there is no room above; moved sideways to stay inside
  // the window, its arrow still pointing at the button.
  function place(button) {
    var box = button.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var above = box.top >= bubble.offsetHeight + MARGIN;
    bubble.classList.toggle("bs-tooltip-top", above);
    bubble.classList.toggle("bs-tooltip-bottom", !above);
    var size = bubble.getBoundingClientRect();
    var centre = box.left + box.width / 2;
    var left = Math.max(MARGIN, Math.min(centre - size.width / 2, width - size.width - MARGIN));
    var top = above ? box.top - size.height : box.bottom;
    bubble.style.left = left + window.scrollX + "px";
    bubble.style.top = top + window.scrollY + "px";
    var half = arrow.offsetWidth / 2;
    arrow.style.left = Math.max(4, Math.min(centre - left - half, size.width - 2 * half - 4)) + "px";
  }

  function infoButton(node) {
    return node && node.closest ? node.closest(".info-button") : null;
  }

  function keep(node) {
    return (owner && owner === document.activeElement) || (bubble && bubble.contains(node));
  }

  document.addEventListener("mouseover", function (event) {
    var button = infoButton(event.target);
    if (button) {
      // Moving within a dismissed button (over its padding, its icon) is not a new hover.
      var within = button === dismissed && button.contains(event.relatedTarget);
      if (button !== owner && !within) show(button);
    } else if (owner && !keep(event.target)) {
      hide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var button = infoButton(event.target);
    if (button) show(button);
    else if (owner) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (event.target === owner && !owner.matches(":hover")) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && owner) {
      dismissed = owner;
      hide();
    }
  });
  // Its button may move (the window narrowed) or leave the page (another page drawn).
  window.addEventListener("resize", hide);
  window.addEventListener("popstate", hide);
})();
