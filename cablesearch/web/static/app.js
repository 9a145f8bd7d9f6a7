// The workbench's only script (no inline script is allowed by the page's CSP):
// "copy citation" buttons, and controls that re-run the search when changed.
"use strict";

function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  // Served to another machine over plain http: no clipboard API, so select and copy.
  const area = document.createElement("textarea");
  area.value = text;
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  area.remove();
  return Promise.resolve();
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const label = button.textContent;
  copyText(button.dataset.cite).then(
    () => { button.textContent = "copied"; },
    () => { button.textContent = "copy failed"; },
  ).finally(() => setTimeout(() => { button.textContent = label; }, 1500));
});

document.addEventListener("change", (event) => {
  if (event.target.classList.contains("autosubmit")) {
    event.target.form.requestSubmit();
  }
});

// Empty filter fields would put `origin=&since=` into every URL: leave them out.
document.addEventListener("submit", (event) => {
  for (const field of event.target.querySelectorAll("input, select")) {
    if (field.name && field.value === "" && field.type !== "search") field.disabled = true;
  }
});

// The browser's back button restores a page with its fields as the submit left them.
window.addEventListener("pageshow", () => {
  for (const field of document.querySelectorAll("form [disabled]")) field.disabled = false;
});
