// A signature pad in plain JS: draw with a finger or the mouse, clear, and the drawing is sent
// as a PNG data URL in the form's hidden "signature" field.
(function () {
  var canvas = document.getElementById("signature-pad");
  if (!canvas) return;
  var form = canvas.closest("form");
  var field = form.querySelector('input[name="signature"]');
  var ctx = canvas.getContext("2d");
  var drawn = false;
  var last = null;

  function fit() {
    var ratio = window.devicePixelRatio || 1;
    var box = canvas.getBoundingClientRect();
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineWidth = 3;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#111";
    drawn = false;
  }

  function point(event) {
    var box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  canvas.addEventListener("pointerdown", function (event) {
    canvas.setPointerCapture(event.pointerId);
    last = point(event);
    ctx.beginPath();
    ctx.arc(last.x, last.y, 1.2, 0, Math.PI * 2);
    ctx.fillStyle = "#111";
    ctx.fill();
    drawn = true;
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!last) return;
    var next = point(event);
    ctx.beginPath();
    ctx.moveTo(last.x, last.y);
    ctx.lineTo(next.x, next.y);
    ctx.stroke();
    last = next;
  });
  ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
    canvas.addEventListener(name, function () { last = null; });
  });

  var clear = document.getElementById("signature-clear");
  if (clear) clear.addEventListener("click", function () { fit(); });

  form.addEventListener("submit", function (event) {
    if (!drawn) {
      event.preventDefault();
      var hint = document.getElementById("signature-empty");
      if (hint) hint.hidden = false;
      return;
    }
    field.value = canvas.toDataURL("image/png");
  });

  fit();
})();
