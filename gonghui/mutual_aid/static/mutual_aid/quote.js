// The benefit calculator: show only the questions of the benefit type picked.
(function () {
  const form = document.getElementById("quote-form");
  if (!form) return;
  function show() {
    const picked = form.querySelector('input[name="type"]:checked');
    const type = picked ? picked.value : "";
    form.querySelectorAll("[data-for]").forEach((part) => {
      part.hidden = type !== "" && !part.dataset.for.split(" ").includes(type);
    });
  }
  form.querySelectorAll('input[name="type"]').forEach((input) => input.addEventListener("change", show));
  show();
})();
