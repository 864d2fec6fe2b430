// pactwatch: the little JavaScript the pages use. Everything works without it.
// - filter forms submit when a select or date changes;
// - the upload form sends files with a progress bar and shows the ingest report;
// - the Network and Commitments pages replace their SVG drawing with an interactive graph
//   (graph.js, which loads the graph library the server serves under /vendor/) when they can.
"use strict";

function autoSubmitFilters() {
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.querySelectorAll("select, input[type=date]").forEach(function (input) {
      input.addEventListener("change", function () { form.requestSubmit(); });
    });
  });
}

function textElement(tag, text, className) {
  var el = document.createElement(tag);
  el.textContent = text;  // never innerHTML: file names and reasons come from the user
  if (className) { el.className = className; }
  return el;
}

function showReport(section, report) {
  section.replaceChildren(textElement("h2", "Result"));
  var dl = document.createElement("dl");
  dl.className = "facts";
  [["Articles read", report.articles_read], ["New articles", report.articles_new],
   ["Duplicates", report.duplicates], ["Agreements", report.agreements], ["Events", report.events]]
    .forEach(function (pair) {
      dl.appendChild(textElement("dt", pair[0]));
      dl.appendChild(textElement("dd", String(pair[1])));
    });
  section.appendChild(dl);
  section.appendChild(textElement("h3", "Refused"));
  if (!report.refused || report.refused.length === 0) {
    section.appendChild(textElement("p", "Nothing was refused.", "empty"));
  } else {
    var list = document.createElement("ul");
    list.className = "plain refused";
    report.refused.forEach(function (r) {
      var item = document.createElement("li");
      item.appendChild(textElement("code", r.source + (r.line ? ":" + r.line : "")));
      item.appendChild(document.createTextNode(" — " + r.reason));
      list.appendChild(item);
    });
    section.appendChild(list);
  }
  section.hidden = false;
}

function pollJob(job, token, bar, status, result) {
  var xhr = new XMLHttpRequest();
  xhr.open("GET", "/api/upload/" + encodeURIComponent(job));
  xhr.setRequestHeader("Accept", "application/json");
  xhr.setRequestHeader("Authorization", "Bearer " + token);
  xhr.addEventListener("load", function () {
    var body = null;
    try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
    if (xhr.status !== 200 || !body) {
      bar.hidden = true;
      status.textContent = "Refused (" + xhr.status + "): " + ((body && body.detail) || xhr.statusText);
    } else if (body.state === "done") {
      bar.hidden = true;
      status.textContent = "Done: " + body.articles_done + " article(s) processed.";
      showReport(result, body.report);
    } else if (body.state === "failed") {
      bar.hidden = true;
      status.textContent = "The ingest failed: " + body.error;
    } else {
      status.textContent = "Ingesting: " + body.articles_done + " article(s) processed from " + body.files +
        " file(s)…";
      window.setTimeout(function () { pollJob(job, token, bar, status, result); }, 400);
    }
  });
  xhr.addEventListener("error", function () {
    bar.hidden = true;
    status.textContent = "Lost contact with the server while it ingests; reload the articles page later.";
  });
  xhr.send();
}

function uploadWithProgress() {
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var bar = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  var result = document.getElementById("upload-result");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var token = form.elements.token.value;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/upload?wait=false");
    xhr.setRequestHeader("Accept", "application/json");
    // the server checks the token before it reads the body: send it as a header, not in the form
    xhr.setRequestHeader("Authorization", "Bearer " + token);
    bar.hidden = false;
    bar.value = 0;
    result.hidden = true;
    status.textContent = "Uploading…";
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value");  // indeterminate while the server ingests
      status.textContent = "Uploaded; waiting for the server…";
    });
    xhr.addEventListener("load", function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      if (xhr.status === 200 && body && body.job) {
        pollJob(body.job, token, bar, status, result);
      } else {
        bar.hidden = true;
        status.textContent = "Refused (" + xhr.status + "): " + ((body && body.detail) || xhr.statusText);
      }
    });
    xhr.addEventListener("error", function () {
      bar.hidden = true;
      status.textContent = "The upload failed: the server could not be reached.";
    });
    var data = new FormData(form);
    data.delete("token");
    xhr.send(data);
  });
}

function drawGraphs() {
  var containers = document.querySelectorAll("[data-graph][data-library]");
  if (containers.length === 0) { return; }
  // import(): graph.js and the library are ES modules, so this stays the page's only <script>
  import("/static/graph.js").then(function (graphs) { return graphs.drawAll(containers); })
    .catch(function (err) { console.warn("pactwatch: the graph module could not load; the drawing stays.", err); });
}

document.addEventListener("DOMContentLoaded", function () {
  autoSubmitFilters();
  uploadWithProgress();
  drawGraphs();
});

// The review queue's keyboard: j/k move between values, a accepts, r rejects, s goes to the
// correct-value box (Enter there sets it). Keys typed into a box are left alone.
function reviewShortcuts() {
  var queue = document.getElementById("review-queue");
  if (!queue) { return; }
  var items = Array.prototype.slice.call(queue.querySelectorAll(".review-item"));
  if (items.length === 0) { return; }
  var current = 0;
  function select(i, focus) {
    items[current].classList.remove("current");
    items[current].removeAttribute("aria-current");
    current = Math.max(0, Math.min(items.length - 1, i));
    items[current].classList.add("current");
    items[current].setAttribute("aria-current", "true");
    if (focus) {
      items[current].focus({ preventScroll: true });
      items[current].scrollIntoView({ block: "nearest" });
    }
  }
  items.forEach(function (item, i) {
    item.addEventListener("focusin", function () { if (i !== current) { select(i, false); } });
  });
  select(0, false);
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var form = items[current].querySelector("form.review-form");
    if (event.key === "j") {
      select(current + 1, true);
    } else if (event.key === "k") {
      select(current - 1, true);
    } else if ((event.key === "a" || event.key === "r") && form) {
      var button = form.querySelector("button[value=" + (event.key === "a" ? "accept" : "reject") + "]");
      form.requestSubmit(button);  // a missing token is reported by the browser, as for a click
    } else if (event.key === "s" && form) {
      form.querySelector(".set-input").focus();
    } else {
      return;
    }
    event.preventDefault();
  });
}

document.addEventListener("DOMContentLoaded", reviewShortcuts);
