// SafePost: the one behaviour htmx does not cover. Applying the suggested safe version puts
// its text in the editor and re-runs the check. (A static file: the CSP forbids inline script.)
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-apply-rewrite]");
  if (!button) return;
  var source = document.querySelector(button.getAttribute("data-apply-rewrite"));
  var target = document.querySelector(button.getAttribute("data-target"));
  if (!source || !target) return;
  target.value = source.textContent.trim();
  target.dispatchEvent(new Event("input", { bubbles: true }));
  target.focus();
});
