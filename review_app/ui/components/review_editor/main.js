"use strict";
// Streamlit's component protocol (v1), by hand: no npm build step for so little.
const Streamlit = {
  send(type, data) { window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type }, data), "*"); },
  ready() { this.send("streamlit:componentReady", { apiVersion: 1 }); },
  setHeight(height) { this.send("streamlit:setFrameHeight", { height }); },
  setValue(value) { this.send("streamlit:setComponentValue", { value, dataType: "json" }); },
};

let lastHeight = -1;
function fitHeight() {
  const height = Math.ceil(document.getElementById("root").getBoundingClientRect().height) + 2;
  if (height !== lastHeight) { lastHeight = height; Streamlit.setHeight(height); }
}

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;  // text, never HTML
  return node;
}

// -- span picker --------------------------------------------------------------------------
const picker = { args: null, last: null, selection: null, severity: null };
const WORD = /[\p{L}\p{N}_'’-]/u;

function pieces(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const sorted = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const lo = sorted[k], hi = sorted[k + 1];
    out.push({ lo, hi, covering: spans.filter((s) => s.start <= lo && s.end >= hi && s.start < s.end) });
  }
  return out;
}

function renderText(args) {
  const box = el("div", { id: "text", "data-testid": "picker-text", role: "document", "aria-label": args.label || "" });
  const rank = { critical: 0, major: 1, minor: 2, info: 3 };
  const points = (args.spans || []).filter((s) => s.kind === "finding" && s.start === s.end);
  const caret = (s) => {  // something missing here: a mark between characters, outside the offsets
    const mark = el("span", { "data-caret": "", class: "finding-" + s.severity, title: s.title, "data-check": s.check },
                    "\u2038");
    mark.style.userSelect = "none";
    return mark;
  };
  for (const piece of pieces(args.text, args.spans || [])) {
    for (const s of points.filter((p) => p.start === piece.lo)) box.appendChild(caret(s));
    const span = el("span", { "data-offset": piece.lo }, args.text.slice(piece.lo, piece.hi));
    const findings = piece.covering.filter((s) => s.kind === "finding").sort((a, b) => rank[a.severity] - rank[b.severity]);
    const marks = piece.covering.filter((s) => s.kind !== "finding");
    if (findings.length) {
      span.classList.add("finding-" + findings[0].severity);
      span.setAttribute("data-check", [...new Set(findings.map((f) => f.check))].join(" "));
    }
    for (const m of marks) span.classList.add("mqm", "mqm-" + m.severity);
    if (piece.covering.length) {
      span.setAttribute("data-kind", [...new Set(piece.covering.map((s) => s.kind))].join(" "));
      span.title = piece.covering.map((s) => s.title).join("\n");
    }
    box.appendChild(span);
  }
  for (const s of points.filter((p) => p.start === args.text.length)) box.appendChild(caret(s));
  return box;
}

function offsetOf(node, offset) {
  const host = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const piece = host && host.closest("[data-offset]");
  if (!piece) return null;
  if (node.nodeType !== Node.TEXT_NODE) {  // an element boundary: before or after the piece
    return Number(piece.dataset.offset) + (offset > 0 ? piece.textContent.length : 0);
  }
  return Number(piece.dataset.offset) + offset;
}

function snapToWords(text, start, end) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  while (start > 0 && WORD.test(text[start - 1]) && WORD.test(text[start])) start--;
  while (end < text.length && WORD.test(text[end]) && WORD.test(text[end - 1])) end++;
  return [start, end];
}

function readSelection() {
  const sel = window.getSelection();
  const box = document.getElementById("text");
  if (!sel || sel.isCollapsed || !box || !box.contains(sel.anchorNode) || !box.contains(sel.focusNode)) return null;
  const range = sel.getRangeAt(0);
  let start = offsetOf(range.startContainer, range.startOffset);
  let end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  [start, end] = snapToWords(picker.args.text, Math.min(start, end), Math.max(start, end));
  return end > start ? { start, end } : null;
}

function showPopup(selection) {
  const args = picker.args;
  picker.selection = selection;
  picker.severity = picker.severity || args.severities[0];
  const popup = document.getElementById("popup");
  popup.replaceChildren();
  popup.appendChild(el("span", { class: "words" }, "“" + args.text.slice(selection.start, selection.end) + "”"));
  const category = el("select", { "aria-label": "MQM category", id: "category" });
  for (const c of args.categories) category.appendChild(el("option", { value: c }, c));
  category.value = args.categories.includes(args.default_category) ? args.default_category : args.categories[0];
  popup.appendChild(category);
  for (const severity of args.severities) {
    const button = el("button", { type: "button", "aria-pressed": severity === picker.severity }, severity);
    button.addEventListener("click", () => {
      picker.severity = severity;
      popup.querySelectorAll("button[aria-pressed]").forEach((b) => b.setAttribute("aria-pressed", b === button));
    });
    popup.appendChild(button);
  }
  const mark = el("button", { type: "button", class: "mark" }, "Mark");
  mark.addEventListener("click", () => commit(category.value));
  const cancel = el("button", { type: "button" }, "Cancel");
  cancel.addEventListener("click", hidePopup);
  popup.append(mark, cancel);
  popup.style.display = "block";
  category.focus();
  fitHeight();
}

function hidePopup() {
  picker.selection = null;
  document.getElementById("popup").style.display = "none";
  window.getSelection().removeAllRanges();
  fitHeight();
}

function commit(category) {
  const { start, end } = picker.selection;
  // Shown at once as pending; the page's next run draws it as a saved mark.
  document.querySelectorAll("#text [data-offset]").forEach((span) => {
    const lo = Number(span.dataset.offset);
    if (lo >= start && lo < end) span.classList.add("mqm-pending");
  });
  Streamlit.setValue({ start, end, category, severity: picker.severity, side: picker.args.side,
                       token: picker.args.token, nonce: Date.now() + Math.random() });
  hidePopup();
}

function renderPicker(args) {
  // Streamlit sends the same args again when the frame's height changes: keep the selection then.
  const same = JSON.stringify(args);
  if (same === picker.last) return;
  picker.last = same;
  picker.args = args;
  const root = document.getElementById("root");
  root.replaceChildren(renderText(args), el("div", { id: "popup", role: "dialog", "aria-label": "Mark an MQM error" }));
  if (args.hint) root.appendChild(el("div", { id: "hint" }, args.hint));
  const box = document.getElementById("text");
  if (!args.disabled) {
    box.addEventListener("mouseup", () => { const s = readSelection(); if (s) showPopup(s); });
    box.addEventListener("keyup", (event) => { if (event.shiftKey) { const s = readSelection(); if (s) showPopup(s); } });
  }
  document.getElementById("popup").addEventListener("keydown", (event) => {
    if (event.key === "Escape") hidePopup();
    if (event.key === "Enter" && event.target.tagName === "SELECT") commit(event.target.value);
  });
  fitHeight();
}

// -- editor helper --------------------------------------------------------------------------
const helper = { token: null, words: "", area: null, timer: null };

function editorArea(key) {
  try {
    return window.parent.document.querySelector(".st-key-" + CSS.escape(key) + " textarea");
  } catch (err) {  // another origin: nothing to help with
    return null;
  }
}

function typingElsewhere() {
  // The reviewer is typing in another box (their name, a search): leave the caret where it is.
  const active = window.parent.document.activeElement;
  return Boolean(active && active.matches && active.matches("input, textarea, select, [contenteditable]")
                 && !active.closest('[class*="st-key-text-"]'));
}

function focusEditor(key, token, tries) {
  if (helper.token !== token) return;  // a newer segment opened meanwhile
  const area = editorArea(key);
  if (!area) { if (tries > 0) setTimeout(() => focusEditor(key, token, tries - 1), 50); return; }
  watchCaret(area);
  if (typingElsewhere()) return;
  area.focus();
  area.setSelectionRange(area.value.length, area.value.length);
}

function wordsAtCaret(area) {
  const value = area.value;
  let start = area.selectionStart, end = area.selectionEnd;
  if (end > start) return value.slice(start, end);
  while (start > 0 && WORD.test(value[start - 1])) start--;
  while (end < value.length && WORD.test(value[end])) end++;
  return value.slice(start, end);
}

function watchCaret(area) {
  if (helper.area === area) return;
  helper.area = area;
  const report = () => {
    clearTimeout(helper.timer);
    helper.timer = setTimeout(() => {
      const words = wordsAtCaret(area).replace(/\s+/g, " ").trim().slice(0, 80);
      if (words.length >= 2 && words !== helper.words) {
        helper.words = words;
        Streamlit.setValue({ words, token: helper.token });
      }
    }, 400);
  };
  // The caret moved by the mouse or by navigation keys (not by typing: that would rerun on every key).
  area.addEventListener("mouseup", report);
  area.addEventListener("keyup", (event) => {
    if (event.key.startsWith("Arrow") || event.key === "Home" || event.key === "End") report();
  });
}

function renderHelper(args) {
  if (Number(lastHeight) !== 0) { lastHeight = 0; Streamlit.setHeight(0); }
  if (helper.token === args.token) return;
  helper.token = args.token;
  helper.words = "";
  if (args.focus) focusEditor(args.editor_key, args.token, 40);
  else { const area = editorArea(args.editor_key); if (area) watchCaret(area); }
}

// -- queue ----------------------------------------------------------------------------------
const queue = { last: null };

function renderQueue(args) {
  const same = JSON.stringify(args);
  if (same === queue.last) return;
  queue.last = same;
  const list = el("div", { role: "listbox", "aria-label": "Review queue", class: "queue" });
  for (const row of args.rows) {
    const item = el("div", { role: "option", tabindex: 0, title: row.text, "data-segment": row.id,
                             "aria-selected": row.current, class: "row" + (row.current ? " current" : "") });
    item.appendChild(el("b", {}, String(row.number)));
    if (row.status) item.appendChild(el("span", { class: "status" }, row.status));
    if (row.chance) item.appendChild(el("span", { class: "chance", title: "Estimated chance of a Major error" }, row.chance));
    if (row.risk) item.appendChild(el("span", { class: "risk risk-" + row.risk }, row.risk));
    item.appendChild(el("span", { class: "words" }, row.text));
    const pick = () => Streamlit.setValue({ segment_id: row.id, token: args.token, nonce: Date.now() + Math.random() });
    item.addEventListener("click", pick);
    item.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") pick(); });
    list.appendChild(item);
  }
  document.getElementById("root").replaceChildren(list);
  fitHeight();
}

window.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "streamlit:render") return;
  const args = event.data.args || {};
  if (args.mode === "editor-helper") renderHelper(args);
  else if (args.mode === "queue") renderQueue(args);
  else renderPicker(args);
});
window.addEventListener("resize", fitHeight);
Streamlit.ready();
