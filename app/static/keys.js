// Keyboard-first review (press ? on a document page for the list of shortcuts), and the few
// behaviours htmx attributes cannot express without inline script (the Content-Security-Policy
// forbids inline script and eval): row shortcuts click the row's button that has a matching
// data-key; this file also moves the focus, drives the inline editor's keys, keeps focus after
// swaps, keeps drafts locally, and shows errors and notices (a key with nothing to act on) in
// the flash area.
(function () {
  "use strict";

  // What this file writes for the user comes from the page, in the interface's language
  // (base.html's JSON data block #ui-strings, made by app/web/scriptstrings.py; a data block
  // is not executed, so the CSP allows it); t() fills in the named placeholders, %(number)s.
  const STRINGS = (function () {
    const block = document.getElementById("ui-strings");
    try { return block ? JSON.parse(block.textContent) : {}; } catch (err) { return {}; }
  })();
  function t(key, values) {
    return (STRINGS[key] || key).replace(/%\((\w+)\)s/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

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
  // A key acts on an element just swapped in: htmx attaches its request to new content while
  // the swap settles, and a key pressed before (a fast typist, a loaded machine) clicked a
  // button with no request yet, and nothing happened. Processing it first is harmless (htmx
  // does it once).
  function activate(el) {
    if (window.htmx) window.htmx.process(el);
    el.click();
  }
  function segmentNumber(row) {
    const cell = row.querySelector("td.num");
    return cell ? cell.textContent.trim() : "";
  }
  // A row shortcut whose button the row does not have says why instead of doing nothing.
  const NOTHING_TO_DO = {
    s: (row) => t("no_suggestion", { number: segmentNumber(row) }),
    S: (row) => t(row.querySelector('[data-key="s"]') ? "only_one_suggestion" : "no_suggestion",
                  { number: segmentNumber(row) }),
    d: (row) => t("no_finding", { number: segmentNumber(row) }),
  };
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
        note.textContent = t("draft_restored");
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
        if (window.htmx) window.htmx.process(el.form);   // see activate()
        el.form.requestSubmit();
      } else if (e.key === "Escape") {
        e.preventDefault();
        clearDrafts(el.dataset.unit);
        activate(el.form.querySelector(".cancel"));
      }
      return;
    }
    const help = document.getElementById("help");
    if (e.key === "Escape" && help && help.open) return;
    const aligning = el.closest && el.closest("tr.aligning");
    if (aligning && e.key === "Escape") {
      e.preventDefault();
      activate(aligning.querySelector('[data-key="Escape"]'));
      return;
    }
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const which = mod && !e.altKey && !typing(el) &&
      ((key === "z" && !e.shiftKey && "undo") || ((key === "z" && e.shiftKey) || (key === "y" && !e.shiftKey)) && "redo");
    if (which) {  // Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes (the undo bar's buttons)
      const button = document.querySelector('#oplog [data-key="' + which + '"]');
      e.preventDefault();
      if (button) activate(button);
      else notice(t(which === "undo" ? "nothing_to_undo" : "nothing_to_redo"));
      return;
    }
    if (typing(el)) {
      if (e.key === "Escape") el.blur();
      return;
    }
    if (e.key === "Escape" && el.matches("mark.flag")) {  // the tooltip closes, the focus stays
      el.classList.add("tip-closed");
      return;
    }
    const row = rowOf(el);
    if (row && e.key === "Enter" && !mod && !e.altKey && el.classList.contains("tgt-text")) {
      e.preventDefault();
      activate(el);
      return;
    }
    const shortcut = shortcutKey(e);
    if (shortcut === null) return;
    clearNotice();
    if (row && shortcut === "d" && dismissFocused(row, el)) { e.preventDefault(); return; }
    const button = row && row.querySelector('[data-key="' + CSS.escape(shortcut) + '"]');
    if (button) { e.preventDefault(); activate(button); return; }
    const nothing = row && !row.classList.contains("aligning") && NOTHING_TO_DO[shortcut];
    if (nothing && (shortcut === "s" || !row.classList.contains("editing"))) {
      e.preventDefault();
      notice(nothing(row));
      return;
    }
    const actions = {
      j: () => move(1, false), k: () => move(-1, false),
      n: () => move(1, true), p: () => move(-1, true),
      "/": () => { const q = document.getElementById("q"); if (q) q.focus(); },
      "?": () => { const help = document.getElementById("help"); if (help) help.showModal(); },
    };
    const action = actions[shortcut];
    if (action) { e.preventDefault(); action(); }
  });

  // Single-key shortcuts follow the user's preference (WCAG 2.1.4; the Preferences page,
  // kept in this browser's localStorage under the user's name): "on" (the key alone),
  // "modifier" (Alt+Shift with the key: the letter, or / for the help) or "off".
  // The key a shortcut stands for, or null.
  function shortcutKey(e) {
    const mode = shortcutMode();
    if (mode === "off") return null;
    if (mode === "modifier") {
      if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return null;
      if (/^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
      return e.code === "Slash" ? "?" : null;
    }
    return (e.altKey || e.ctrlKey || e.metaKey) ? null : e.key;
  }

  function shortcutMode() {
    return localStorage.getItem("shortcuts:" + (document.body.dataset.user || "")) || "on";
  }
  // The Preferences page: the radio buttons show the choice and keep a new one.
  document.addEventListener("DOMContentLoaded", function () {
    const current = document.querySelector('input[name=shortcuts][value="' + shortcutMode() + '"]');
    if (current) current.checked = true;
  });
  document.addEventListener("change", function (e) {
    if (!e.target.matches("input[name=shortcuts]")) return;
    localStorage.setItem("shortcuts:" + (document.body.dataset.user || ""), e.target.value);
    announce(e.target.dataset.saved || "");
  });

  // A flag's tooltip closed with Escape shows again once the flag is left.
  document.addEventListener("focusout", function (e) {
    if (e.target.matches && e.target.matches("mark.flag")) e.target.classList.remove("tip-closed");
  });
  document.addEventListener("mouseout", function (e) {
    if (e.target.matches && e.target.matches("mark.flag")) e.target.classList.remove("tip-closed");
  });

  // The skip link lands on the first segment itself (J, K and Enter work from there).
  document.addEventListener("click", function (e) {
    if (!e.target.matches || !e.target.matches(".skip-link")) return;
    const first = rows()[0];
    if (!first) return;
    e.preventDefault();
    focusRow(first);
  });

  // What a request did, in a sentence for screen readers (the polite live region #status):
  // the element that made it says it in data-done (saved, approved, undone, dismissed...).
  // Said when the answer is swapped in (the element may be gone after: a row replaced),
  // never for an error or a conflict (409: the editor shows it).
  function announce(text) {
    const region = document.getElementById("status");
    if (region) region.textContent = text;
  }
  document.addEventListener("htmx:beforeSwap", function (e) {
    const elt = e.detail.requestConfig && e.detail.requestConfig.elt;
    const ok = e.detail.xhr && e.detail.xhr.status < 300 && !e.detail.isError;
    if (ok && elt && elt.dataset && elt.dataset.done) announce(elt.dataset.done);
  });

  // D on a flagged span (Tab and Shift+Tab move between a segment's findings) dismisses that
  // finding: the row's Dismiss button is sent with its id instead of the first finding's.
  function dismissFocused(row, el) {
    const button = row.querySelector('[data-key="d"]');
    if (!button || !el.matches("mark.flag[data-finding]")) return false;
    button.setAttribute("hx-vals", JSON.stringify({ finding: el.dataset.finding }));
    activate(button);
    return true;
  }

  // Clearing a segment is never saved silently: the dialog asks first; confirmed, the save
  // says so (omit=1) and the segment is recorded as left out on purpose. Cancelled, the
  // text box keeps what was typed (nothing).
  document.addEventListener("htmx:confirm", function (e) {
    const form = e.target;
    if (!form.matches || !form.matches("form.editor") || !form.elements.omit) return;
    const area = form.elements.text;
    if (area.value.trim() !== "" || form.elements.omit.value === "1") return;
    if (area.dataset.omitted && area.dataset.saved === "") return;  // left out already
    const dialog = document.getElementById("confirm-omission");
    if (!dialog) return;
    e.preventDefault();
    dialog.querySelector("[data-number]").textContent = area.dataset.number || "";
    dialog.returnValue = "";
    dialog.addEventListener("close", function () {
      if (dialog.returnValue === "omit") {
        form.elements.omit.value = "1";
        e.detail.issueRequest(true);
      } else {
        area.focus();
      }
    }, { once: true });
    dialog.showModal();
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

  // Swapped-in content that names a field to focus (the editor's text box, a saved row's
  // text: autofocus) gets it when htmx settles the swap, some 20 ms after the content is in
  // the page (later on a busy machine). A focus given in between (a click on a reason box
  // right after Reopen, J to the next row right after A) is kept: the pending autofocus is
  // dropped, so what is typed next does not go to another field.
  // Not a user's choice: an autofocus being applied (by htmx, as content settles) and the
  // focus given back to a row after a swap (below).
  let restoring = false;
  document.addEventListener("focusin", function (e) {
    if (restoring || e.target.hasAttribute("autofocus")) return;
    document.querySelectorAll(".htmx-added[autofocus], .htmx-added [autofocus]").forEach(
      function (el) { if (el !== e.target) el.removeAttribute("autofocus"); });
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
    restoring = true;
    try {
      focusRow((lastRowId && document.getElementById(lastRowId)) ||
               all[Math.min(lastIndex, all.length - 1)]);
    } finally {
      restoring = false;
    }
  });
  document.addEventListener("DOMContentLoaded", function () { restoreDrafts(document); });

  // "Save and next" sets the form's next field; "Select all" ticks every row of its form.
  document.addEventListener("click", function (e) {
    const button = e.target.closest && e.target.closest("button[data-next]");
    if (button && button.form) button.form.elements.next.value = "1";
  });
  document.addEventListener("change", function (e) {
    if (e.target.matches(".select-all")) {
      e.target.form.querySelectorAll("input[name=unit]").forEach((c) => { c.checked = e.target.checked; });
    }
  });

  // A suggestion button of the editor applies the suggestion on the server (a new revision)
  // when the box holds the saved text. When it holds typing not saved yet, the suggestion goes
  // into the box instead, where the flagged words still are (nothing typed is lost; Enter
  // saves), and the request is not sent.
  document.addEventListener("htmx:confirm", function (e) {
    const button = e.target;
    if (!button.matches || !button.matches("[data-apply-suggestion]")) return;
    const area = button.form && button.form.elements.text;
    if (!area || area.value === area.dataset.saved) return;
    e.preventDefault();
    const d = button.dataset;
    let start = Number(d.start);
    if (area.value.slice(start, Number(d.end)) !== d.text) {
      start = area.value.indexOf(d.text);
      if (start < 0 || area.value.indexOf(d.text, start + 1) >= 0) {
        notice(t("not_once", { text: d.text }));
        return;
      }
    }
    area.focus();
    area.setSelectionRange(start, start + d.text.length);
    if (!document.execCommand("insertText", false, d.suggestion)) {  // keeps Ctrl+Z
      area.setRangeText(d.suggestion, start, start + d.text.length, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    button.disabled = true;   // applied: the flagged words are gone from the box
    notice(t("suggestion_typed", { suggestion: d.suggestion }));
  });

  // Notices (not errors) go to the flash area too; the next key or change clears them.
  function notice(text) {
    const area = flash();
    if (!area) return;
    const box = document.createElement("p");
    box.className = "notice-box";
    box.textContent = text;
    area.replaceChildren(box);
  }
  function clearNotice() {
    const area = flash();
    if (area && area.querySelector(".notice-box")) area.textContent = "";
  }

  // A message the server sends with a page it answers (an undo refused: HX-Trigger-After-Settle
  // "page-message"), shown once the page has settled.
  document.addEventListener("page-message", function (e) {
    const area = flash();
    if (!area) return;
    const box = document.createElement("p");
    box.className = "error-box";
    box.setAttribute("role", "alert");
    box.textContent = (e.detail && e.detail.value) || "";
    area.replaceChildren(box);
  });

  // Errors: htmx 2 does not swap 4xx/5xx answers, so the server's message goes to the flash area.
  function flash() { return document.getElementById("flash"); }
  document.addEventListener("htmx:responseError", function (e) {
    const area = flash();
    if (!area) return;
    const doc = new DOMParser().parseFromString(e.detail.xhr.responseText, "text/html");
    const box = doc.querySelector(".error-box");
    area.textContent = "";
    if (box) area.appendChild(document.importNode(box, true));
    else {
      const line = document.createElement("p");
      line.className = "error-box";
      line.setAttribute("role", "alert");
      line.textContent = t("http_error", { status: e.detail.xhr.status });
      area.appendChild(line);
    }
  });
  document.addEventListener("htmx:sendError", function () {
    const area = flash();
    if (!area) return;
    const box = document.createElement("p");
    box.className = "error-box";
    box.setAttribute("role", "alert");
    box.textContent = t("unreachable");
    area.replaceChildren(box);
  });
  // A request the user made clears the message; polling (hx-trigger "every ...") never does,
  // and a draft autosave keeps a notice.
  document.addEventListener("htmx:afterRequest", function (e) {
    const area = flash();
    const elt = e.detail.elt;
    if (!area || !e.detail.successful || !elt || !elt.matches) return;
    if (/\bevery\b/.test(elt.getAttribute("hx-trigger") || "")) return;
    if (elt.matches("textarea[data-unit]") && area.querySelector(".notice-box")) return;
    area.textContent = "";
  });
})();
