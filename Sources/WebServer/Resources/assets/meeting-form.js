// The meeting form without a round trip where the browser runs scripts: the error
// summary takes the focus; typing in a catalogue search lists the matches at once
// (from the read API's list), and Enter in it runs that search. Without this
// script every step works through the form's own buttons.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  function normalise(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function labelOf(kind, item) {
    if (kind === "official") { return item.name + ", " + item.title; }
    if (kind === "organisation") { return item.organisationNumber ? item.name + " (" + item.organisationNumber + ")" : item.name; }
    return item.caseNumber ? item.title + " (" + item.caseNumber + ")" : item.title;
  }

  function searched(kind, item) {
    if (kind === "official") { return [item.name, item.title]; }
    if (kind === "organisation") { return [item.name, item.organisationNumber || "", (item.organisationNumber || "").replace("-", "")]; }
    return [item.title, item.caseNumber || ""];
  }

  document.querySelectorAll("fieldset.picker").forEach(function (picker) {
    var kind = picker.getAttribute("data-picker");
    var source = picker.getAttribute("data-source");
    var input = picker.querySelector("input[type=search]");
    var button = picker.querySelector("button[name=step]");
    var matches = picker.querySelector(".matches");
    if (!kind || !source || !input || !matches) { return; }
    var items = null;

    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && button) { event.preventDefault(); button.click(); }
    });

    function render() {
      var words = normalise(input.value).split(/\s+/).filter(function (w) { return w.length > 0; });
      if (words.length === 0 || items === null) { return; }
      var chosen = {};
      picker.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) { chosen[box.name] = true; });
      var found = items.filter(function (item) {
        var texts = searched(kind, item).map(normalise);
        return !chosen[kind + "-" + item.id] && words.every(function (word) {
          return texts.some(function (text) { return text.indexOf(word) >= 0; });
        });
      }).slice(0, 10);
      var list = document.createElement("ul");
      list.className = "choices";
      found.forEach(function (item) {
        var li = document.createElement("li");
        var div = document.createElement("div");
        div.className = "choice";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.id = kind + "-" + item.id;
        box.name = kind + "-" + item.id;
        box.value = "on";
        var label = document.createElement("label");
        label.htmlFor = box.id;
        label.textContent = labelOf(kind, item);
        div.appendChild(box);
        div.appendChild(label);
        li.appendChild(div);
        list.appendChild(li);
      });
      var text = document.createElement("p");
      text.textContent = found.length + " \u2013 " + input.value;
      matches.replaceChildren(text, list);
    }

    input.addEventListener("input", function () {
      if (items !== null) { render(); return; }
      fetch(source, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (body === null) { return; }
          items = Array.isArray(body) ? body : (body.items || body.data || []);
          render();
        })
        .catch(function () { items = null; });
    });
  });
}());
