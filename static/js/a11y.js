// Accessibility helpers for every page. Progressive enhancement: without this file the error summary is still
// announced (role="alert") and its links still lead to the fields; the sticky bar still leaves room.
(function () {
  "use strict";

  // A form that failed: move the focus to its error summary, so keyboard and screen reader users start there.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    // A link in the summary focuses its field (an in-page link alone only scrolls), keeping the label in view.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-error-link]");
      if (!link) { return; }
      var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) { return; }
      event.preventDefault();
      field.focus();
      var label = document.querySelector("label[for='" + field.id + "']") || field;
      label.scrollIntoView({ block: "center" });
    });
  }

  // The sticky save bar: tell the CSS its real height (it wraps on narrow screens), so the page scrolls a
  // focused field clear of it (scroll-padding-bottom) and the last fields are never under it.
  var bar = document.querySelector("[data-sticky-bar]");
  if (bar && window.ResizeObserver) {
    var root = document.documentElement;
    new ResizeObserver(function () {
      var sticky = getComputedStyle(bar).position === "sticky";
      root.style.setProperty("--sticky-bar-height", sticky ? Math.ceil(bar.getBoundingClientRect().height) + "px" : "0px");
    }).observe(bar);
  }
  // Chromium leaves a newly focused element where it is when part of it is already in view, even if the bar
  // covers the rest; then bring all of it into view (scrollIntoView honours scroll-padding-bottom).
  if (bar) {
    document.addEventListener("focusin", function (event) {
      var el = event.target;
      if (bar.contains(el) || el === summary || !el.getBoundingClientRect) { return; }
      var box = el.getBoundingClientRect();
      var sticky = getComputedStyle(bar).position === "sticky";
      var bottom = sticky ? Math.min(bar.getBoundingClientRect().top, window.innerHeight) : window.innerHeight;
      if (box.bottom > bottom + 1 || box.top < -1) { el.scrollIntoView({ block: "nearest" }); }
    });
  }

  // Application form sections: the section being edited is the one a plain "Save draft" returns to.
  var sectionInput = document.querySelector("input[name=section][data-current-section]");
  if (sectionInput) {
    sectionInput.form.addEventListener("focusin", function (event) {
      var section = event.target.closest("[data-section]");
      if (section) { sectionInput.value = section.dataset.section; }
    });
  }
})();
