// Behaviour every page may ask for with a data attribute, so that no template carries a
// script (the Content-Security-Policy allows scripts from our static files only):
//   data-confirm="…"  on a form (before submitting) or a button (before its click acts)
//   data-autosubmit   on a select: submit its form when it changes
//   data-print        on a button: print the page
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
    if (event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
  });
})();
