// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";
  function countWords(text) { return (text.trim().match(/\S+/g) || []).length; }

  document.querySelectorAll("textarea[data-word-limit]").forEach(function (area) {
    var limit = parseInt(area.dataset.wordLimit, 10);
    var counter = document.createElement("div");
    counter.className = "form-text word-count";
    counter.id = area.id + "_count";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    area.setAttribute("aria-describedby", ((area.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    function update() {
      var n = countWords(area.value);
      counter.textContent = n + " / " + limit + " words";
      counter.classList.toggle("over", n > limit);
    }
    area.addEventListener("input", update);
    update();
  });

  // Warn before leaving a form with unsaved changes.
  var form = document.getElementById("application-form");
  if (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }
})();
