// Citation popovers: hovering or clicking a [n] citation shows source n (the cited sentence in its
// paragraph, from the Sources list the server already rendered) next to the citation. Without
// JavaScript the citation is a plain link to that list. Content is copied as DOM nodes, never as HTML.
"use strict";
(function () {
  var pop = null, pinned = false;

  function ensure() {
    if (!pop) {
      pop = document.createElement("div");
      pop.className = "popover";
      pop.id = "citation-popover";
      pop.setAttribute("role", "dialog");
      pop.hidden = true;
      document.body.appendChild(pop);
    }
    return pop;
  }

  function show(link) {
    var source = document.getElementById("src-" + link.getAttribute("data-cite"));
    if (!source) return;
    var box = ensure();
    box.replaceChildren();
    Array.prototype.forEach.call(source.childNodes, function (node) { box.appendChild(node.cloneNode(true)); });
    var rect = link.getBoundingClientRect();
    box.hidden = false;
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.left = left + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }

  function hide() { if (pop && !pinned) pop.hidden = true; }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (link) {
      event.preventDefault();
      pinned = true;
      show(link);
    } else if (pop && !pop.contains(event.target)) {
      pinned = false;
      pop.hidden = true;
    }
  });
  document.addEventListener("mouseover", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (link && !pinned) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (link) hide();
  });
  document.addEventListener("focusin", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (link && !pinned) show(link);  // keyboard users get the same preview as a hover
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && pop) { pinned = false; pop.hidden = true; }
  });
})();
