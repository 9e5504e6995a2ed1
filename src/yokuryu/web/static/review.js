// Keyboard shortcuts for review: a accept, r reject, u unsure, z undo.
"use strict";
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) { return; }
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) { return; }
  const buttons = { a: "btn-match", r: "btn-non_match", u: "btn-unsure", z: "btn-undo" };
  const button = document.getElementById(buttons[event.key]);
  if (button) { event.preventDefault(); button.click(); }
});
