// Signature pads for the mediation agreement: each canvas[data-signature] fills the hidden
// input named by its data-signature attribute with a PNG data URL when the form is sent.
(function () {
  document.querySelectorAll("canvas[data-signature]").forEach(function (canvas) {
    var form = canvas.closest("form");
    var field = form.querySelector('input[name="' + canvas.dataset.signature + '"]');
    var ctx = canvas.getContext("2d");
    var last = null;
    function fit() {
      var ratio = window.devicePixelRatio || 1;
      var box = canvas.getBoundingClientRect();
      canvas.width = Math.round(box.width * ratio);
      canvas.height = Math.round(box.height * ratio);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 3;
      ctx.lineCap = "round";
      ctx.strokeStyle = "#111";
      field.value = "";
    }
    function point(event) {
      var box = canvas.getBoundingClientRect();
      return { x: event.clientX - box.left, y: event.clientY - box.top };
    }
    canvas.addEventListener("pointerdown", function (event) {
      canvas.setPointerCapture(event.pointerId);
      last = point(event);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!last) return;
      var next = point(event);
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(next.x, next.y);
      ctx.stroke();
      last = next;
      field.value = canvas.toDataURL("image/png");
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () { last = null; });
    });
    var clear = form.querySelector('[data-clear="' + canvas.dataset.signature + '"]');
    if (clear) clear.addEventListener("click", fit);
    fit();
  });
})();
