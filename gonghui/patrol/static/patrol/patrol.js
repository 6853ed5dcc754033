// 平安乐巡 on the phone: the position is asked only when the member presses 开始, 打卡 or 结束
// (never tracked along the way), put into the form's hidden fields, and the form is sent.
// Without a position (denied, no signal) the form is sent as it is: the server then asks for
// the checkpoint's QR tag. On the slot list the position, once given, sorts routes by distance.
(function () {
  "use strict";
  var geo = navigator.geolocation;
  function locate(done) {
    if (!geo) { done(null); return; }
    geo.getCurrentPosition(
      function (p) { done(p); },
      function () { done(null); },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 }
    );
  }
  document.querySelectorAll("form[data-geo]").forEach(function (form) {
    var sending = false;
    form.addEventListener("submit", function (event) {
      if (sending) return;
      var code = form.querySelector("input[name=code]");
      if (code && code.value.trim()) return; // a QR code: sent as it is
      event.preventDefault();
      sending = true;
      var note = form.querySelector("[data-geo-note]");
      if (note) note.hidden = false;
      locate(function (p) {
        if (p) {
          form.querySelector("input[name=lat]").value = p.coords.latitude.toFixed(6);
          form.querySelector("input[name=lng]").value = p.coords.longitude.toFixed(6);
          form.querySelector("input[name=accuracy]").value = Math.round(p.coords.accuracy || 0);
          form.querySelector("input[name=at]").value = String(p.timestamp || Date.now());
        }
        form.submit();
      });
    });
  });
  var near = document.querySelector("[data-near]");
  if (near && geo) {
    near.addEventListener("click", function () {
      near.disabled = true;
      locate(function (p) {
        if (!p) { near.disabled = false; near.textContent = near.dataset.denied; return; }
        var url = new URL(window.location.href);
        url.searchParams.set("lat", p.coords.latitude.toFixed(5));
        url.searchParams.set("lng", p.coords.longitude.toFixed(5));
        window.location.assign(url.toString());
      });
    });
  } else if (near) {
    near.hidden = true;
  }
})();
