/* dissonance review: keyboard shortcuts. Plain JavaScript, no framework, no network access
   beyond this server. Every action is an ordinary form submission or link, so the pages
   work without this file too. */
(function () {
  "use strict";

  var body = document.body;
  var help = document.getElementById("help");

  function typing(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function go(url) {
    if (url) window.location.assign(url);
  }

  function submitWith(buttonId) {
    var button = document.getElementById(buttonId);
    if (!button || !button.form) return false;
    if (button.form.requestSubmit) button.form.requestSubmit(button);
    else button.click();
    return true;
  }

  function toggleHelp(show) {
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
  }

  // Queue page: j/k move a selection over the rows, Enter or o opens it.
  var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr"));
  var selected = -1;
  function select(i) {
    if (!rows.length) return;
    if (selected >= 0) rows[selected].classList.remove("selected");
    selected = Math.max(0, Math.min(rows.length - 1, i));
    rows[selected].classList.add("selected");
    rows[selected].scrollIntoView({ block: "nearest" });
  }
  rows.forEach(function (row, i) {
    row.addEventListener("click", function (event) {
      if (event.target.tagName !== "A") select(i);
    });
  });

  var helpOpen = document.getElementById("help-open");
  var helpClose = document.getElementById("help-close");
  if (helpOpen) helpOpen.addEventListener("click", function () { toggleHelp(true); });
  if (helpClose) helpClose.addEventListener("click", function () { toggleHelp(false); });
  if (help) help.addEventListener("click", function (event) { if (event.target === help) toggleHelp(false); });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") {
      toggleHelp(false);
      if (typing(document.activeElement)) document.activeElement.blur();
      return;
    }
    if (typing(event.target)) return;
    var page = body.dataset.page;
    var handled = true;
    switch (event.key) {
      case "?":
        toggleHelp();
        break;
      case "a":
        handled = submitWith("btn-accept");
        break;
      case "x":
        handled = submitWith("btn-reject");
        break;
      case "m":
        handled = submitWith("btn-uncertain");
        break;
      case "u":
        var undo = document.getElementById("undo-form");
        if (undo) undo.submit(); else handled = false;
        break;
      case "n":
        var note = document.getElementById("note");
        if (note) note.focus(); else handled = false;
        break;
      case "f":
        var details = document.querySelectorAll("details.full");
        var open = details.length && !details[0].open;
        details.forEach(function (d) { d.open = open; });
        break;
      case "j":
        if (page === "queue") select(selected + 1); else go(body.dataset.next);
        break;
      case "k":
        if (page === "queue") select(selected - 1); else go(body.dataset.prev);
        break;
      case "Enter":
      case "o":
        if (page === "queue" && selected >= 0) go(rows[selected].dataset.url); else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  });
})();
