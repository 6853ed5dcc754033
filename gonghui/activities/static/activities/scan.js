// Scan a QR code with the phone camera (jsQR, vendored) and submit the code's form. The
// camera needs a secure page (HTTPS or localhost): elsewhere the page says so and the code
// is typed instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-scanner]");
  if (!box) return;
  var form = document.getElementById(box.dataset.scanner);
  var input = form.querySelector("input[name=code]");
  var video = box.querySelector("video");
  var note = box.querySelector("[data-scan-note]");
  var button = box.querySelector("[data-scan-start]");
  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia) || typeof jsQR !== "function") {
    note.textContent = note.dataset.unavailable;
    button.hidden = true;
    return;
  }
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (found && found.data) {
        input.value = found.data.trim();
        video.srcObject.getTracks().forEach(function (track) { track.stop(); });
        form.submit();
        return;
      }
    }
    requestAnimationFrame(tick);
  }
  button.addEventListener("click", function () {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.setAttribute("playsinline", "true");
        video.play();
        button.hidden = true;
        requestAnimationFrame(tick);
      })
      .catch(function () { note.textContent = note.dataset.unavailable; });
  });
})();
