// The review pages' only script (served from our origin; the CSP allows nothing else).
// It never reads or stores credentials: the session lives in an HttpOnly cookie.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // One decision per click: disable the form's buttons once it is submitted, so a double click
  // does not post twice (the server refuses the second one anyway, as already decided).
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
  // A character count under the comment box.
  var comment = document.getElementById("comment");
  if (comment) {
    var count = document.createElement("p");
    count.className = "count";
    var update = function () { count.textContent = comment.value.length + " / " + comment.maxLength; };
    comment.insertAdjacentElement("afterend", count);
    comment.addEventListener("input", update);
    update();
  }
});
