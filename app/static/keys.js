// Keyboard-first review on the document page (press ? for the list of shortcuts).
// Row actions (approve, merge, ...) are htmx triggers in the templates; this file moves the
// focus, drives the inline editor's keys, keeps focus after swaps, and keeps drafts locally.
(function () {
  "use strict";

  function rows() { return Array.from(document.querySelectorAll("#units-body tr.unit")); }
  function rowOf(el) { return el && el.closest ? el.closest("tr.unit") : null; }
  function typing(el) {
    return el && (el.tagName === "TEXTAREA" || el.tagName === "INPUT" || el.tagName === "SELECT");
  }
  function focusRow(row) {
    if (!row) return;
    const target = row.querySelector(".tgt-text, textarea, input[type=radio]");
    if (target) {
      target.focus();
      row.scrollIntoView({ block: "nearest" });
    }
  }
  function move(step, flaggedOnly) {
    const all = rows();
    const current = rowOf(document.activeElement);
    let i = current ? all.indexOf(current) : (step > 0 ? -1 : all.length);
    for (i += step; i >= 0 && i < all.length; i += step) {
      if (!flaggedOnly || all[i].querySelector("mark.flag, .note")) { focusRow(all[i]); return; }
    }
  }

  // Drafts: every keystroke is kept in this browser until the segment is saved, so a reload or
  // a network error loses nothing (the server also keeps a draft, see units.draft).
  function draftKey(area) { return "draft:" + area.dataset.unit + ":" + area.dataset.version; }
  function clearDrafts(unitId) {
    Object.keys(localStorage).filter((k) => k.startsWith("draft:" + unitId + ":"))
      .forEach((k) => localStorage.removeItem(k));
  }
  function restoreDrafts(root) {
    root.querySelectorAll("textarea[data-unit]").forEach(function (area) {
      const saved = localStorage.getItem(draftKey(area));
      if (saved !== null && saved !== area.value) {
        area.value = saved;
        const note = document.createElement("p");
        note.className = "draft-note";
        note.setAttribute("role", "status");
        note.textContent = "Your unsaved text was restored from this browser.";
        area.before(note);
      }
    });
  }

  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("textarea[data-unit]")) {
      localStorage.setItem(draftKey(e.target), e.target.value);
    }
  });

  document.addEventListener("keydown", function (e) {
    const el = e.target;
    if (el.tagName === "TEXTAREA" && el.form && el.form.classList.contains("editor")) {
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        el.form.elements.next.value = (e.ctrlKey || e.metaKey) ? "1" : "";
        el.form.requestSubmit();
      } else if (e.key === "Escape") {
        e.preventDefault();
        clearDrafts(el.dataset.unit);
        el.form.querySelector(".cancel").click();
      }
      return;
    }
    if (e.key === "Escape" && document.getElementById("help").open) return;
    if (typing(el)) {
      if (e.key === "Escape") el.blur();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const actions = {
      j: () => move(1, false), k: () => move(-1, false),
      n: () => move(1, true), p: () => move(-1, true),
      "/": () => { const q = document.getElementById("q"); if (q) q.focus(); },
      "?": () => { const help = document.getElementById("help"); if (help) help.showModal(); },
    };
    const action = actions[e.key];
    if (action) { e.preventDefault(); action(); }
  });

  // After "Save and next" (Ctrl+Enter), open the next segment's editor.
  document.addEventListener("segment-saved", function (e) {
    const detail = e.detail || {};
    if (detail.unit) clearDrafts(detail.unit);
    if (!detail.next) return;
    const all = rows();
    const row = document.getElementById("unit-" + detail.uid);
    const next = all[all.indexOf(row) + 1];
    const target = next && next.querySelector(".tgt-text");
    if (target) window.htmx.trigger(target, "click");
  });

  // Focus is never lost after a swap: back to the same row, or the row now at its place.
  let lastRowId = null, lastIndex = -1;
  document.addEventListener("htmx:beforeRequest", function () {
    const row = rowOf(document.activeElement);
    lastRowId = row ? row.id : null;
    lastIndex = row ? rows().indexOf(row) : -1;
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    restoreDrafts(e.target);
    if (document.activeElement && document.activeElement !== document.body) return;
    if (lastIndex < 0 && !lastRowId) return;
    const all = rows();
    focusRow((lastRowId && document.getElementById(lastRowId)) ||
             all[Math.min(lastIndex, all.length - 1)]);
  });
  document.addEventListener("DOMContentLoaded", function () { restoreDrafts(document); });
})();
