// The reviewer's document viewer: pick a thumbnail, zoom in and out, turn it, drag to move.
(function () {
  var stage = document.getElementById("doc-stage");
  if (!stage) return;
  var image = document.getElementById("doc-image");
  var frame = document.getElementById("doc-frame");
  var caption = document.getElementById("doc-caption");
  var state = { zoom: 1, turn: 0, x: 0, y: 0 };

  function apply() {
    image.style.transform =
      "translate(" + state.x + "px," + state.y + "px) rotate(" + state.turn + "deg) scale(" + state.zoom + ")";
  }
  function reset() { state = { zoom: 1, turn: 0, x: 0, y: 0 }; apply(); }

  document.querySelectorAll("[data-doc]").forEach(function (thumb) {
    thumb.addEventListener("click", function (event) {
      event.preventDefault();
      document.querySelectorAll("[data-doc]").forEach(function (t) { t.classList.remove("active"); });
      thumb.classList.add("active");
      caption.textContent = thumb.dataset.label;
      if (thumb.dataset.pdf) {
        image.hidden = true;
        frame.hidden = false;
        frame.src = thumb.href;
      } else {
        frame.hidden = true;
        image.hidden = false;
        image.src = thumb.href;
      }
      reset();
    });
  });
  var actions = {
    "zoom-in": function () { state.zoom = Math.min(state.zoom * 1.25, 6); },
    "zoom-out": function () { state.zoom = Math.max(state.zoom / 1.25, 0.3); },
    "turn-left": function () { state.turn -= 90; },
    "turn-right": function () { state.turn += 90; },
    "reset": function () { state = { zoom: 1, turn: 0, x: 0, y: 0 }; },
  };
  document.querySelectorAll("[data-viewer]").forEach(function (button) {
    button.addEventListener("click", function () { actions[button.dataset.viewer](); apply(); });
  });
  stage.addEventListener("wheel", function (event) {
    event.preventDefault();
    state.zoom = Math.min(Math.max(state.zoom * (event.deltaY < 0 ? 1.1 : 0.9), 0.3), 6);
    apply();
  }, { passive: false });
  var drag = null;
  image.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX - state.x, y: event.clientY - state.y };
    image.setPointerCapture(event.pointerId);
  });
  image.addEventListener("pointermove", function (event) {
    if (!drag) return;
    state.x = event.clientX - drag.x;
    state.y = event.clientY - drag.y;
    apply();
  });
  image.addEventListener("pointerup", function () { drag = null; });
  var first = document.querySelector("[data-doc]");
  if (first) first.click();
})();
