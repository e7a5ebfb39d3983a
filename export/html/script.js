(function () {
  "use strict";
  // The filters: each value a filter hides becomes an x-class on the
  // calendar's container (xc3: channel 3), and the page's style hides the
  // posts of that class; no post is visited. While a filter hides
  // anything, the busy days' folded posts are unfolded (class fl), so
  // that every post that matches shows.
  var form = document.getElementById("filters"), cal = document.getElementById("cal");
  if (!form || !cal) return;
  var boxes = form.querySelectorAll("input[data-x]"), selects = form.querySelectorAll("select");
  var folds = cal.querySelectorAll("details.more"), unfolded = false;
  function hidden() {
    var x = [], i, j, s;
    for (i = 0; i < boxes.length; i++) if (!boxes[i].checked) x.push(boxes[i].getAttribute("data-x"));
    for (i = 0; i < selects.length; i++) {
      s = selects[i];
      if (!s.value) continue;
      for (j = 0; j < s.options.length; j++) {
        if (s.options[j].value && s.options[j].value !== s.value) x.push("x" + s.options[j].value);
      }
    }
    return x;
  }
  function apply() {
    var x = hidden(), unfold = x.length > 0;
    cal.className = unfold ? x.join(" ") + " fl" : "";
    if (unfold !== unfolded) {
      for (var i = 0; i < folds.length; i++) folds[i].open = unfold;
      unfolded = unfold;
    }
  }
  form.addEventListener("change", apply);
  form.addEventListener("click", function (e) {
    var all = e.target.getAttribute ? e.target.getAttribute("data-all") : null;
    if (all === null) return;
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = all === "1";
    apply();
  });
  form.hidden = false;
  if (window.matchMedia && window.matchMedia("(max-width: 600px)").matches) {
    form.querySelector("details").open = false;
  }
  apply();
})();
