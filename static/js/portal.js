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
      counter.textContent = n + " / " + limit + " " + (area.dataset.wordsLabel || "words");
      counter.classList.toggle("over", n > limit);
    }
    area.addEventListener("input", update);
    update();
  });

  // On a slow or broken connection a Save can fail after the text has left the page. Keep a copy of what is
  // typed in this browser, tied to the version the server last saved, and offer it back if that save never
  // happened. A successful save changes data-saved-at, which makes the old copy obsolete.
  var backupForm = document.querySelector("form[data-backup-key]");
  if (backupForm && window.localStorage) {
    var key = "portal-backup:" + backupForm.dataset.backupKey;
    var savedAt = backupForm.dataset.savedAt;
    var banner = document.getElementById("local-backup");
    var fields = function () {
      return Array.prototype.filter.call(backupForm.elements, function (el) {
        return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" && el.type !== "submit" &&
          el.type !== "button" && el.type !== "hidden";
      });
    };
    var snapshot = function () {
      var values = {};
      fields().forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          values[el.name + "=" + el.value] = el.checked;
        } else {
          values[el.name] = el.value;
        }
      });
      return values;
    };
    var apply = function (values) {
      fields().forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          if ((el.name + "=" + el.value) in values) { el.checked = values[el.name + "=" + el.value]; }
        } else if (el.name in values) {
          el.value = values[el.name];
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
    };
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    var current = JSON.stringify(snapshot());
    if (stored && stored.savedAt === savedAt && JSON.stringify(stored.values) !== current && banner) {
      banner.hidden = false;
      banner.querySelector("[data-backup=restore]").addEventListener("click", function () {
        apply(stored.values);
        banner.hidden = true;
        backupForm.querySelector("input, textarea, select").focus();
      });
      banner.querySelector("[data-backup=discard]").addEventListener("click", function () {
        localStorage.removeItem(key);
        banner.hidden = true;
      });
    } else if (stored && stored.savedAt !== savedAt) {
      localStorage.removeItem(key);
    }
    backupForm.addEventListener("input", function () {
      try {
        localStorage.setItem(key, JSON.stringify({ savedAt: savedAt, values: snapshot() }));
      } catch (e) { /* storage full or disabled: the server copy is still the reference */ }
    });
  }

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
