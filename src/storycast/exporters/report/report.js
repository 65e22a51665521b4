/* storycast report: tooltips for quotations, highlighting a character's lines, badges. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("storycast-data").textContent);
  var story = document.getElementById("story");
  var tip = document.getElementById("tip");
  var status = document.getElementById("status");
  var network = document.querySelector("svg.network");
  var current = null;

  function line(strong, rest) {
    var p = document.createElement("div");
    var b = document.createElement("strong");
    b.textContent = strong;
    p.appendChild(b);
    if (rest) { p.appendChild(document.createTextNode(rest)); }
    return p;
  }

  function showTip(q) {
    var speaker = q.getAttribute("data-speaker") || "Unknown speaker";
    var to = q.getAttribute("data-addressees");
    var confidence = parseFloat(q.getAttribute("data-confidence") || "0");
    var type = q.getAttribute("data-type") || "unknown";
    var unsure = q.classList.contains("low") ? " (unsure)" : "";
    tip.textContent = "";
    tip.appendChild(line(speaker, to ? " to " + to : ""));
    tip.appendChild(line("", type + " quote, confidence " + Math.round(confidence * 100) +
                         "%" + unsure));
    tip.hidden = false;
    var box = q.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.max(8, Math.min(box.left + window.scrollX,
                                    window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hideTip() { tip.hidden = true; }

  function quoteOf(target) {
    return target && target.closest ? target.closest(".q") : null;
  }

  story.addEventListener("mouseover", function (e) {
    var q = quoteOf(e.target);
    if (q) { showTip(q); }
  });
  story.addEventListener("mouseout", function (e) {
    if (quoteOf(e.target) && !quoteOf(e.relatedTarget)) { hideTip(); }
  });
  story.addEventListener("focusin", function (e) {
    var q = quoteOf(e.target);
    if (q) { showTip(q); }
  });
  story.addEventListener("focusout", hideTip);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hideTip(); }
  });

  function highlight(id) {
    current = current === id ? null : id;
    var count = 0;
    story.classList.toggle("highlighting", current !== null);
    story.querySelectorAll(".q").forEach(function (q) {
      var on = current !== null && q.getAttribute("data-speaker-id") === current;
      q.classList.toggle("hl", on);
      if (on && !q.classList.contains("more")) { count += 1; }
    });
    document.querySelectorAll("[data-highlight]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-highlight") === current ? "true" : "false");
    });
    if (network) {
      network.classList.toggle("dimmed", current !== null);
      network.querySelectorAll(".edge").forEach(function (edge) {
        edge.classList.toggle("on", current !== null &&
          (edge.getAttribute("data-from") === current || edge.getAttribute("data-to") === current));
      });
    }
    var who = current !== null && data.names[current];
    status.textContent = who ? "Highlighting " + count + " line" + (count === 1 ? "" : "s") +
      " spoken by " + who + "." : "";
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("[data-highlight]") : null;
    if (b) { highlight(b.getAttribute("data-highlight")); }
    var clear = e.target.closest ? e.target.closest("#clear") : null;
    if (clear && current !== null) { highlight(current); }
  });
  document.addEventListener("keydown", function (e) {
    var b = e.target.closest ? e.target.closest("svg [data-highlight]") : null;
    if (b && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      highlight(b.getAttribute("data-highlight"));
    }
  });

  var badges = document.getElementById("show-badges");
  badges.addEventListener("change", function () {
    story.classList.toggle("no-badges", !badges.checked);
  });
}());
