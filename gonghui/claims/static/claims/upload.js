// A photo taken or chosen is sent at once: no second button to find.
(function () {
  document.querySelectorAll("form[data-autosend]").forEach(function (form) {
    form.querySelectorAll('input[type="file"]').forEach(function (input) {
      input.addEventListener("change", function () {
        if (!input.files.length) return;
        var busy = form.querySelector("[data-busy]");
        if (busy) busy.hidden = false;
        form.querySelectorAll('input[type="file"]').forEach(function (other) {
          if (other !== input) other.disabled = true;
        });
        form.submit();
      });
    });
    var fallback = form.querySelector("[data-fallback]");
    if (fallback) fallback.style.display = "none";
  });
})();
