// Stations on a plant network: when the browser loses the network, say so at once and hold the forms, so nobody scans
// into a page whose submit cannot arrive. Each form is one request that records all or nothing, so nothing is left
// half-done; this only makes the state visible. Loaded from this server (the pages' policy allows no other script).
(function () {
  "use strict";
  function show(offline) {
    var banner = document.getElementById("offline");
    if (banner) { banner.hidden = !offline; }
    var buttons = document.querySelectorAll("main form button");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = offline; }
    document.body.classList.toggle("is-offline", offline);
  }
  window.addEventListener("offline", function () { show(true); });
  window.addEventListener("online", function () { show(false); });
  document.addEventListener("DOMContentLoaded", function () { show(!navigator.onLine); });
})();
